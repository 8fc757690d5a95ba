using Enzyme.Llvm;

namespace Enzyme.Engine.Rules;

/// <summary>
/// The growable arrays that hold a gradient's per-iteration values (caches of loops, tapes of calls
/// in loops) are allocated on every gradient call and freed at its end. Once they pass glibc's mmap
/// threshold every call maps fresh pages and faults them in again, which can cost more than the
/// derivative arithmetic (RK4 and normalize benchmarks: twice the time). So the reverse sweep hands
/// its arrays to a small per-thread pool instead of freeing them, and the next gradient's first
/// growth takes the smallest pooled array that is large enough. At most <see cref="Slots"/> arrays
/// stay pooled per thread; a full pool frees its smallest block, or the returned one if that is smaller.
/// A loop keeps one array per cached value (RK4's loop: 40), so the pool must hold that many: with 4
/// slots all but 4 of RK4's arrays were mapped and faulted in again on every call (20x the primal).
/// The first array a thread keeps arms a destructor for that thread (a pthread key, created once per
/// library; on Windows a fiber-local-storage callback): when the thread ends it frees the thread's pool and every home (<see cref="HomeType"/>) that
/// holds an array, linked in a per-thread list as it first receives one. Without it the pools of OpenMP
/// worker threads, which libomp ends at exit, were lost (valgrind, tests/corpus/reverse/openmp_regions.c).
/// </summary>
public static class CachePool
{
    public const string GrowName = "__enzyme_sdk_cache_grow";
    public const string ReleaseName = "__enzyme_sdk_cache_release";
    private const string TakeName = "__enzyme_sdk_cache_take";
    private const string ArmName = "__enzyme_sdk_cache_arm";
    private const string DrainName = "__enzyme_sdk_cache_drain";
    private const string MakeKeyName = "__enzyme_sdk_cache_make_key";

    /// <summary>A cache site's per-thread home: <c>{ ptr block, i64 bytes, ptr next home of the thread, i64 linked }</c>.</summary>
    public static LlvmType HomeType(LlvmContext context) =>
        context.StructType([context.PointerType(), context.Int64Type, context.PointerType(), context.Int64Type]);
    public const int Slots = 64;

    // Pool layout: [Slots x { ptr block, i64 bytes }], per thread, one per module (linkonce_odr: the IR may
    // be linked again after the optimiser inlined and deleted earlier copies of the functions).
    private static string Ir(string threadExitIr) => $$"""
        @__enzyme_sdk_cache_pool = linkonce_odr hidden thread_local global [{{Slots}} x { ptr, i64 }] zeroinitializer
        ; The homes of this thread that have held an array, newest first (their `next` field links them).
        @__enzyme_sdk_cache_homes = linkonce_odr hidden thread_local global ptr null
        @__enzyme_sdk_cache_armed = linkonce_odr hidden thread_local global i8 0
        {{threadExitIr}}
        ; At thread exit: frees the pool's arrays and those of the thread's homes.
        define void @__enzyme_sdk_cache_drain(ptr %unused) #0 {
        entry:
          br label %slots
        slots:
          %i = phi i64 [ 0, %entry ], [ %i.next, %slots ]
          %slot = getelementptr inbounds [{{Slots}} x { ptr, i64 }], ptr @__enzyme_sdk_cache_pool, i64 0, i64 %i
          %block = load ptr, ptr %slot
          call void @free(ptr %block)
          store { ptr, i64 } zeroinitializer, ptr %slot
          %i.next = add i64 %i, 1
          %more = icmp ult i64 %i.next, {{Slots}}
          br i1 %more, label %slots, label %homes.start
        homes.start:
          %first = load ptr, ptr @__enzyme_sdk_cache_homes
          br label %homes
        homes:
          %home = phi ptr [ %first, %homes.start ], [ %next, %home.free ]
          %end = icmp eq ptr %home, null
          br i1 %end, label %done, label %home.free
        home.free:
          %home.block = load ptr, ptr %home
          call void @free(ptr %home.block)
          %next.p = getelementptr inbounds { ptr, i64, ptr, i64 }, ptr %home, i64 0, i32 2
          %next = load ptr, ptr %next.p
          store { ptr, i64, ptr, i64 } zeroinitializer, ptr %home
          br label %homes
        done:
          store ptr null, ptr @__enzyme_sdk_cache_homes
          store i8 0, ptr @__enzyme_sdk_cache_armed
          ret void
        }

        ; The smallest pooled block of at least %bytes bytes, taken out of the pool; null when none fits.
        define { ptr, i64 } @__enzyme_sdk_cache_take(i64 %bytes) #0 {
        entry:
          br label %scan
        scan:
          %i = phi i64 [ 0, %entry ], [ %i.next, %next ]
          %best = phi i64 [ -1, %entry ], [ %best.next, %next ]
          %best.bytes = phi i64 [ -1, %entry ], [ %best.bytes.next, %next ]
          %slot = getelementptr inbounds [{{Slots}} x { ptr, i64 }], ptr @__enzyme_sdk_cache_pool, i64 0, i64 %i
          %size.p = getelementptr inbounds { ptr, i64 }, ptr %slot, i64 0, i32 1
          %size = load i64, ptr %size.p
          %fits = icmp uge i64 %size, %bytes
          %nonempty = icmp ne i64 %size, 0
          %smaller = icmp ult i64 %size, %best.bytes
          %fits.nonempty = and i1 %fits, %nonempty
          %better = and i1 %fits.nonempty, %smaller
          %best.next = select i1 %better, i64 %i, i64 %best
          %best.bytes.next = select i1 %better, i64 %size, i64 %best.bytes
          ; A block of exactly the size asked for cannot be beaten: stop there (the same arrays come
          ; back each call, so this usually ends the scan at the first slot).
          %same = icmp eq i64 %size, %bytes
          %exact = and i1 %same, %nonempty
          br i1 %exact, label %done, label %next
        next:
          %i.next = add i64 %i, 1
          %more = icmp ult i64 %i.next, {{Slots}}
          br i1 %more, label %scan, label %done
        done:
          %found = icmp ne i64 %best.next, -1
          br i1 %found, label %take, label %none
        take:
          %chosen = getelementptr inbounds [{{Slots}} x { ptr, i64 }], ptr @__enzyme_sdk_cache_pool, i64 0, i64 %best.next
          %block = load ptr, ptr %chosen
          %chosen.size = getelementptr inbounds { ptr, i64 }, ptr %chosen, i64 0, i32 1
          store ptr null, ptr %chosen
          store i64 0, ptr %chosen.size
          %r0 = insertvalue { ptr, i64 } poison, ptr %block, 0
          %r1 = insertvalue { ptr, i64 } %r0, i64 %best.bytes.next, 1
          ret { ptr, i64 } %r1
        none:
          ret { ptr, i64 } zeroinitializer
        }

        ; Grows the array in *slot (capacity *capacity elements) so that element `index` fits: doubling,
        ; at least 16 elements. Every growth first looks for a pooled block that is large enough and moves
        ; the array there (returning the old one to the pool); realloc only when none is. Taking from the
        ; pool only at the first growth let a cache that got a small block realloc it on every call, and
        ; realloc of a block past the mmap threshold remaps it and faults the new pages in again (GMM from
        ; plain clang -O2, whose loops have no computable trip count: most of the gradient's time).
        ;
        ; The first growth of a cache takes the array its site (`home`, a per-thread { ptr, i64 bytes } of
        ; its own) kept from the gradient's previous call, whatever its size: it has the capacity this
        ; site needed then. Matching the pool's arrays to caches by size alone does not find that: a
        ; small cache growing first takes the smallest array that fits, which may be another site's big one.
        define void @__enzyme_sdk_cache_grow(ptr %slot, ptr %capacity, i64 %index, i64 %elementSize, ptr %home) #0 {
        entry:
          %cap = load i64, ptr %capacity
          %twice = shl i64 %cap, 1
          %needed = add i64 %index, 1
          %larger = icmp ugt i64 %twice, %needed
          %wanted = select i1 %larger, i64 %twice, i64 %needed
          %tiny = icmp ult i64 %wanted, 16
          %newcap = select i1 %tiny, i64 16, i64 %wanted
          %bytes = mul i64 %newcap, %elementSize
          %old = load ptr, ptr %slot
          %first = icmp eq ptr %old, null
          br i1 %first, label %at.home, label %pooled
        at.home:
          %home.block = load ptr, ptr %home
          %home.size.p = getelementptr inbounds { ptr, i64 }, ptr %home, i64 0, i32 1
          %home.bytes = load i64, ptr %home.size.p
          %home.fits = icmp uge i64 %home.bytes, %bytes
          %home.used = icmp ne ptr %home.block, null
          %from.home = and i1 %home.used, %home.fits
          br i1 %from.home, label %take.home, label %pooled
        take.home:
          store ptr null, ptr %home
          store i64 0, ptr %home.size.p
          br label %reuse
        pooled:
          %taken = call { ptr, i64 } @__enzyme_sdk_cache_take(i64 %bytes)
          %pool.block = extractvalue { ptr, i64 } %taken, 0
          %pool.bytes = extractvalue { ptr, i64 } %taken, 1
          %got = icmp ne ptr %pool.block, null
          br i1 %got, label %reuse, label %resize
        reuse:
          %block = phi ptr [ %home.block, %take.home ], [ %pool.block, %pooled ]
          %block.bytes = phi i64 [ %home.bytes, %take.home ], [ %pool.bytes, %pooled ]
          %block.cap = udiv i64 %block.bytes, %elementSize
          br i1 %first, label %install, label %move
        move:
          %old.bytes = mul i64 %cap, %elementSize
          call void @llvm.memcpy.p0.p0.i64(ptr %block, ptr %old, i64 %old.bytes, i1 false)
          call void @__enzyme_sdk_cache_release(ptr %old, i64 %cap, i64 %elementSize, ptr null)
          br label %install
        install:
          store ptr %block, ptr %slot
          store i64 %block.cap, ptr %capacity
          ret void
        resize:
          %new = call ptr @realloc(ptr %old, i64 %bytes)
          store ptr %new, ptr %slot
          store i64 %newcap, ptr %capacity
          ret void
        }

        ; Returns an array of `capacity` elements to its site's home (when `home` is not null and empty), else
        ; to the pool (or frees it, or frees a smaller pooled one).
        define void @__enzyme_sdk_cache_release(ptr %block, i64 %capacity, i64 %elementSize, ptr %home) #0 {
        entry:
          %none = icmp eq ptr %block, null
          br i1 %none, label %done, label %check.home
        check.home:
          call void @__enzyme_sdk_cache_arm()
          %bytes = mul i64 %capacity, %elementSize
          %homeless = icmp eq ptr %home, null
          br i1 %homeless, label %scan.start, label %home.state
        home.state:
          %home.block = load ptr, ptr %home
          %home.free = icmp eq ptr %home.block, null
          br i1 %home.free, label %go.home, label %scan.start
        go.home:
          store ptr %block, ptr %home
          %home.size.p = getelementptr inbounds { ptr, i64 }, ptr %home, i64 0, i32 1
          store i64 %bytes, ptr %home.size.p
          %linked.p = getelementptr inbounds { ptr, i64, ptr, i64 }, ptr %home, i64 0, i32 3
          %linked = load i64, ptr %linked.p
          %unlinked = icmp eq i64 %linked, 0
          br i1 %unlinked, label %link.home, label %done
        link.home:
          %head = load ptr, ptr @__enzyme_sdk_cache_homes
          %home.next.p = getelementptr inbounds { ptr, i64, ptr, i64 }, ptr %home, i64 0, i32 2
          store ptr %head, ptr %home.next.p
          store ptr %home, ptr @__enzyme_sdk_cache_homes
          store i64 1, ptr %linked.p
          br label %done
        scan.start:
          br label %scan
        scan:
          %i = phi i64 [ 0, %scan.start ], [ %i.next, %step ]
          %victim = phi i64 [ 0, %scan.start ], [ %victim.next, %step ]
          %victim.bytes = phi i64 [ -1, %scan.start ], [ %victim.bytes.next, %step ]
          %slot = getelementptr inbounds [{{Slots}} x { ptr, i64 }], ptr @__enzyme_sdk_cache_pool, i64 0, i64 %i
          %size.p = getelementptr inbounds { ptr, i64 }, ptr %slot, i64 0, i32 1
          %size = load i64, ptr %size.p
          %smaller = icmp ult i64 %size, %victim.bytes
          %victim.next = select i1 %smaller, i64 %i, i64 %victim
          %victim.bytes.next = select i1 %smaller, i64 %size, i64 %victim.bytes
          ; An empty slot is the smallest victim there can be: stop there.
          %empty = icmp eq i64 %size, 0
          br i1 %empty, label %decide, label %step
        step:
          %i.next = add i64 %i, 1
          %more = icmp ult i64 %i.next, {{Slots}}
          br i1 %more, label %scan, label %decide
        decide:
          %keep = icmp ult i64 %victim.bytes.next, %bytes
          br i1 %keep, label %replace, label %drop
        replace:
          %target = getelementptr inbounds [{{Slots}} x { ptr, i64 }], ptr @__enzyme_sdk_cache_pool, i64 0, i64 %victim.next
          %evicted = load ptr, ptr %target
          call void @free(ptr %evicted)
          %target.size = getelementptr inbounds { ptr, i64 }, ptr %target, i64 0, i32 1
          store ptr %block, ptr %target
          store i64 %bytes, ptr %target.size
          br label %done
        drop:
          call void @free(ptr %block)
          br label %done
        done:
          ret void
        }

        declare ptr @realloc(ptr, i64)
        declare void @free(ptr)
        declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
        attributes #0 = { noinline nounwind }
        """;

    // Thread exit: a pthread key's destructor (glibc, any ELF target), or on Windows (mingw's win32 thread model has no
    // pthreads) a fiber-local-storage callback, which KERNEL32 calls at thread exit too.
    private const string PosixThreadExitIr = """
        @__enzyme_sdk_cache_key = linkonce_odr hidden global i32 0
        @__enzyme_sdk_cache_key_once = linkonce_odr hidden global i32 0

        define void @__enzyme_sdk_cache_make_key() #0 {
        entry:
          %r = call i32 @pthread_key_create(ptr @__enzyme_sdk_cache_key, ptr @__enzyme_sdk_cache_drain)
          ret void
        }

        ; Once per thread: the key's value becomes non-null, so the thread's exit calls the drain.
        define void @__enzyme_sdk_cache_arm() #0 {
        entry:
          %armed = load i8, ptr @__enzyme_sdk_cache_armed
          %done.already = icmp ne i8 %armed, 0
          br i1 %done.already, label %done, label %arm
        arm:
          store i8 1, ptr @__enzyme_sdk_cache_armed
          %once = call i32 @pthread_once(ptr @__enzyme_sdk_cache_key_once, ptr @__enzyme_sdk_cache_make_key)
          %key = load i32, ptr @__enzyme_sdk_cache_key
          %set = call i32 @pthread_setspecific(i32 %key, ptr @__enzyme_sdk_cache_pool)
          br label %done
        done:
          ret void
        }

        declare i32 @pthread_key_create(ptr, ptr)
        declare i32 @pthread_once(ptr, ptr)
        declare i32 @pthread_setspecific(i32, ptr)
        """;

    private const string WindowsThreadExitIr = """
        ; FLS index + 1; 0 while no thread has made it.
        @__enzyme_sdk_cache_key = linkonce_odr hidden global i32 0

        ; Two threads may race here: the loser frees its index.
        define void @__enzyme_sdk_cache_make_key() #0 {
        entry:
          %index = call i32 @FlsAlloc(ptr @__enzyme_sdk_cache_drain)
          %failed = icmp eq i32 %index, -1
          br i1 %failed, label %done, label %publish
        publish:
          %plus = add i32 %index, 1
          %pair = cmpxchg ptr @__enzyme_sdk_cache_key, i32 0, i32 %plus seq_cst seq_cst
          %won = extractvalue { i32, i1 } %pair, 1
          br i1 %won, label %done, label %lost
        lost:
          %freed = call i32 @FlsFree(i32 %index)
          br label %done
        done:
          ret void
        }

        ; Once per thread: the FLS slot's value becomes non-null, so the thread's exit calls the drain.
        define void @__enzyme_sdk_cache_arm() #0 {
        entry:
          %armed = load i8, ptr @__enzyme_sdk_cache_armed
          %done.already = icmp ne i8 %armed, 0
          br i1 %done.already, label %done, label %arm
        arm:
          store i8 1, ptr @__enzyme_sdk_cache_armed
          %key.first = load atomic i32, ptr @__enzyme_sdk_cache_key acquire, align 4
          %none = icmp eq i32 %key.first, 0
          br i1 %none, label %make, label %set
        make:
          call void @__enzyme_sdk_cache_make_key()
          br label %set
        set:
          %key = load atomic i32, ptr @__enzyme_sdk_cache_key acquire, align 4
          %made = icmp ne i32 %key, 0
          br i1 %made, label %store, label %done
        store:
          %index = sub i32 %key, 1
          %stored = call i32 @FlsSetValue(i32 %index, ptr @__enzyme_sdk_cache_pool)
          br label %done
        done:
          ret void
        }

        declare i32 @FlsAlloc(ptr)
        declare i32 @FlsFree(i32)
        declare i32 @FlsSetValue(i32, ptr)
        """;

    /// <summary>The check inlined at each cache store: one compare, growing through the pool when full.</summary>
    public static LlvmFunction Reserve(LlvmModule module) => Ensure(module, RuntimeSupport.CacheReserveName);

    public static LlvmFunction Release(LlvmModule module) => Ensure(module, ReleaseName);

    // One text defines every function of the pool and the check: a declaration linked later would not
    // bind to an already internal definition, and its calls would stay undefined.
    private static LlvmFunction Ensure(LlvmModule module, string name) =>
        RuntimeSupport.EnsureLinked(module, name, Ir(ThreadExitIr(module)) + ReserveIr, RuntimeSupport.CacheReserveName, GrowName, ReleaseName, TakeName, ArmName, DrainName, MakeKeyName);

    private static string ThreadExitIr(LlvmModule module) =>
        module.TargetTriple.Contains("windows", StringComparison.Ordinal) ? WindowsThreadExitIr : PosixThreadExitIr;

    private static readonly string ReserveIr = RuntimeSupport.ReserveCheckIr(RuntimeSupport.CacheReserveName, GrowName);
}
