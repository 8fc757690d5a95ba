using Enzyme.Engine.Rules;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// The tape of a forward split: a growing byte log. The augmented half appends every primal value the tangent
/// half needs, where it is computed; the tangent half walks the same control flow (its branch conditions come
/// from the log too) and reads them back in the same order, so one cursor suffices, loops and all. The header
/// is <c>{ptr data, i64 size, i64 capacity, i64 read}</c>; the tangent half frees it.
/// </summary>
internal static class ForwardSplitLog
{
    private const string CreateName = "__enzyme_sdk_fwdsplit_log_create";
    private const string AppendName = "__enzyme_sdk_fwdsplit_log_append";
    private const string ReadName = "__enzyme_sdk_fwdsplit_log_read";
    private const string ReleaseName = "__enzyme_sdk_fwdsplit_log_release";

    // Appending doubles the buffer (at least 256 bytes) when the value does not fit; reading only
    // advances the cursor. Values are stored unaligned (align 1), so any type packs tightly.
    private const string LogIr = """
        define ptr @__enzyme_sdk_fwdsplit_log_create() {
        entry:
          %log = call ptr @calloc(i64 1, i64 32)
          ret ptr %log
        }

        define ptr @__enzyme_sdk_fwdsplit_log_append(ptr %log, i64 %bytes) {
        entry:
          %size.at = getelementptr inbounds i8, ptr %log, i64 8
          %capacity.at = getelementptr inbounds i8, ptr %log, i64 16
          %size = load i64, ptr %size.at
          %capacity = load i64, ptr %capacity.at
          %end = add i64 %size, %bytes
          %fits = icmp ule i64 %end, %capacity
          br i1 %fits, label %write, label %grow, !prof !0
        grow:
          %twice = shl i64 %capacity, 1
          %larger = icmp ugt i64 %twice, %end
          %wanted = select i1 %larger, i64 %twice, i64 %end
          %tiny = icmp ult i64 %wanted, 256
          %newcapacity = select i1 %tiny, i64 256, i64 %wanted
          %old = load ptr, ptr %log
          %new = call ptr @realloc(ptr %old, i64 %newcapacity)
          store ptr %new, ptr %log
          store i64 %newcapacity, ptr %capacity.at
          br label %write
        write:
          %data = load ptr, ptr %log
          store i64 %end, ptr %size.at
          %at = getelementptr inbounds i8, ptr %data, i64 %size
          ret ptr %at
        }

        define ptr @__enzyme_sdk_fwdsplit_log_read(ptr %log, i64 %bytes) {
        entry:
          %read.at = getelementptr inbounds i8, ptr %log, i64 24
          %read = load i64, ptr %read.at
          %next = add i64 %read, %bytes
          store i64 %next, ptr %read.at
          %data = load ptr, ptr %log
          %at = getelementptr inbounds i8, ptr %data, i64 %read
          ret ptr %at
        }

        define void @__enzyme_sdk_fwdsplit_log_release(ptr %log) {
        entry:
          %data = load ptr, ptr %log
          call void @free(ptr %data)
          call void @free(ptr %log)
          ret void
        }

        declare ptr @calloc(i64, i64)
        declare ptr @realloc(ptr, i64)
        declare void @free(ptr)
        !0 = !{!"branch_weights", i32 1000, i32 1}
        """;

    private static readonly string[] Names = [CreateName, AppendName, ReadName, ReleaseName];

    private static LlvmFunction Runtime(LlvmModule module, string name) =>
        RuntimeSupport.EnsureLinked(module, name, LogIr, [.. Names.Where(n => n != name)]);

    /// <summary>A new, empty log (at the builder's position).</summary>
    public static LlvmValue Create(IrEmitter emitter) => emitter.CallFunction(Runtime(emitter.Module, CreateName));

    /// <summary>Appends <paramref name="value"/> to the log.</summary>
    public static void Append(IrEmitter emitter, LlvmValue log, LlvmValue value)
    {
        LlvmValue at = emitter.CallFunction(Runtime(emitter.Module, AppendName), log, Bytes(emitter, value.Type));
        emitter.Builder.Store(value, at).WithAlignment(1);
    }

    /// <summary>The next value of the log, of <paramref name="type"/>.</summary>
    public static LlvmValue Read(IrEmitter emitter, LlvmValue log, LlvmType type, string name)
    {
        LlvmValue at = emitter.CallFunction(Runtime(emitter.Module, ReadName), log, Bytes(emitter, type));
        return emitter.Builder.Load(type, at, name).WithAlignment(1);
    }

    public static void Release(IrEmitter emitter, LlvmValue log) => emitter.CallFunction(Runtime(emitter.Module, ReleaseName), log);

    private static LlvmValue Bytes(IrEmitter emitter, LlvmType type) =>
        LlvmValue.ConstInt(emitter.Context.Int64Type, (long)emitter.Module.TargetData.AbiSizeOf(type));
}
