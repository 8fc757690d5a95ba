using Enzyme.Llvm;

namespace Enzyme.Engine.Rules;

/// <summary>
/// A per-thread list of frees the reverse sweep has to postpone. A free whose block cannot be
/// traced to an allocation in the same function (a pointer read back from memory, as in
/// <c>std::vector</c> growth, or freed in a callee) may still be read, and its shadow
/// accumulated into, by reverse code that runs later: the reverse of everything before the free,
/// possibly in callers. So the reverse sweep only records such a free when it passes it, and the
/// outermost reverse sweep on the thread releases every recorded block when it ends. Every reverse
/// sweep brackets itself with <see cref="EnterName"/> and <see cref="LeaveName"/>, which keep the
/// nesting depth; a gradient called from plain code is outermost, a callee's reverse is not.
/// </summary>
public static class DeferredFrees
{
    public const string EnterName = "__enzyme_sdk_reverse_enter";
    public const string LeaveName = "__enzyme_sdk_reverse_leave";
    public const string RecordName = "__enzyme_sdk_defer_free";

    /// <summary>The most parameters a recorded deallocator may take: the pointer and two <c>i64</c>s (sized, aligned delete).</summary>
    public const int MaximumDeallocatorParameters = 3;

    // List layout: { ptr entries, i64 count, i64 capacity, i64 depth }. Entry layout (40 bytes):
    // { ptr deallocator, i64 parameters, ptr block, ptr shadow, i64 size, i64 alignment }; the
    // deallocator is called with as many of (pointer, size, alignment) as it takes, for the shadow
    // and then the block: a shadow comes from the block's own allocator (ShadowAllocation), so the
    // block's deallocator releases it.
    private const string Ir = """
        @__enzyme_sdk_deferred_frees = linkonce_odr hidden thread_local global { ptr, i64, i64, i64 } zeroinitializer

        define void @__enzyme_sdk_reverse_enter() #0 {
        entry:
          %depth.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 3
          %depth = load i64, ptr %depth.slot
          %deeper = add i64 %depth, 1
          store i64 %deeper, ptr %depth.slot
          ret void
        }

        define void @__enzyme_sdk_defer_free(ptr %deallocator, i64 %parameters, ptr %block, ptr %shadow, i64 %size, i64 %alignment) #1 {
        entry:
          %count.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 1
          %capacity.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 2
          %count = load i64, ptr %count.slot
          %capacity = load i64, ptr %capacity.slot
          %full = icmp uge i64 %count, %capacity
          br i1 %full, label %grow, label %record
        grow:
          %twice = shl i64 %capacity, 1
          %tiny = icmp ult i64 %twice, 16
          %grown = select i1 %tiny, i64 16, i64 %twice
          %old = load ptr, ptr @__enzyme_sdk_deferred_frees
          %bytes = mul i64 %grown, 48
          %new = call ptr @realloc(ptr %old, i64 %bytes)
          %failed = icmp eq ptr %new, null
          br i1 %failed, label %out.of.memory, label %grown.ok
        out.of.memory:
          call void @abort()
          unreachable
        grown.ok:
          store ptr %new, ptr @__enzyme_sdk_deferred_frees
          store i64 %grown, ptr %capacity.slot
          br label %record
        record:
          %entries = load ptr, ptr @__enzyme_sdk_deferred_frees
          %slot = getelementptr inbounds [6 x i64], ptr %entries, i64 %count
          store ptr %deallocator, ptr %slot
          %f1 = getelementptr inbounds i64, ptr %slot, i64 1
          store i64 %parameters, ptr %f1
          %f2 = getelementptr inbounds i64, ptr %slot, i64 2
          store ptr %block, ptr %f2
          %f3 = getelementptr inbounds i64, ptr %slot, i64 3
          store ptr %shadow, ptr %f3
          %f4 = getelementptr inbounds i64, ptr %slot, i64 4
          store i64 %size, ptr %f4
          %f5 = getelementptr inbounds i64, ptr %slot, i64 5
          store i64 %alignment, ptr %f5
          %next = add i64 %count, 1
          store i64 %next, ptr %count.slot
          ret void
        }

        define void @__enzyme_sdk_reverse_leave() #0 {
        entry:
          %depth.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 3
          %depth = load i64, ptr %depth.slot
          %shallower = sub i64 %depth, 1
          store i64 %shallower, ptr %depth.slot
          %outermost = icmp eq i64 %shallower, 0
          %count.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 1
          %count = load i64, ptr %count.slot
          %any = icmp ne i64 %count, 0
          %release = and i1 %outermost, %any
          br i1 %release, label %release.all, label %done, !prof !0
        release.all:
          call void @__enzyme_sdk_release_deferred_frees()
          br label %done
        done:
          ret void
        }

        ; Newest first, so a block is released before any block recorded before it.
        define void @__enzyme_sdk_release_deferred_frees() #1 {
        entry:
          %count.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 1
          %capacity.slot = getelementptr inbounds { ptr, i64, i64, i64 }, ptr @__enzyme_sdk_deferred_frees, i32 0, i32 2
          %entries = load ptr, ptr @__enzyme_sdk_deferred_frees
          %count = load i64, ptr %count.slot
          br label %loop
        loop:
          %i = phi i64 [ %count, %entry ], [ %im, %next ]
          %more = icmp ugt i64 %i, 0
          br i1 %more, label %body, label %finish
        body:
          %im = sub i64 %i, 1
          %entry.ptr = getelementptr inbounds [6 x i64], ptr %entries, i64 %im
          %deallocator = load ptr, ptr %entry.ptr
          %f1 = getelementptr inbounds i64, ptr %entry.ptr, i64 1
          %parameters = load i64, ptr %f1
          %f2 = getelementptr inbounds i64, ptr %entry.ptr, i64 2
          %block = load ptr, ptr %f2
          %f3 = getelementptr inbounds i64, ptr %entry.ptr, i64 3
          %shadow = load ptr, ptr %f3
          %f4 = getelementptr inbounds i64, ptr %entry.ptr, i64 4
          %size = load i64, ptr %f4
          %f5 = getelementptr inbounds i64, ptr %entry.ptr, i64 5
          %alignment = load i64, ptr %f5
          switch i64 %parameters, label %one [ i64 2, label %two
                                               i64 3, label %three ]
        one:
          call void %deallocator(ptr %shadow)
          call void %deallocator(ptr %block)
          br label %next
        two:
          call void %deallocator(ptr %shadow, i64 %size)
          call void %deallocator(ptr %block, i64 %size)
          br label %next
        three:
          call void %deallocator(ptr %shadow, i64 %size, i64 %alignment)
          call void %deallocator(ptr %block, i64 %size, i64 %alignment)
          br label %next
        next:
          br label %loop
        finish:
          call void @free(ptr %entries)
          store ptr null, ptr @__enzyme_sdk_deferred_frees
          store i64 0, ptr %count.slot
          store i64 0, ptr %capacity.slot
          ret void
        }

        declare ptr @realloc(ptr, i64)
        declare void @free(ptr)
        declare void @abort()
        attributes #0 = { alwaysinline nounwind }
        attributes #1 = { noinline nounwind }
        !0 = !{!"branch_weights", i32 1, i32 1000}
        """;

    // Each entry point links the whole IR when it is missing; the list is linkonce_odr, so a second link
    // merges with the first list instead of making another.
    public static LlvmFunction Enter(LlvmModule module) => Ensure(module, EnterName);

    public static LlvmFunction Leave(LlvmModule module) => Ensure(module, LeaveName);

    public static LlvmFunction Record(LlvmModule module) => Ensure(module, RecordName);

    private static LlvmFunction Ensure(LlvmModule module, string name) =>
        RuntimeSupport.EnsureLinked(module, name, Ir, EnterName, LeaveName, RecordName, "__enzyme_sdk_release_deferred_frees");
}
