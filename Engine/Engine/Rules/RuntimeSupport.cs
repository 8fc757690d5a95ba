using Enzyme.Llvm;

namespace Enzyme.Engine.Rules;

/// <summary>
/// Functions derivative rules and the reverse sweep call that the C library lacks, written as
/// LLVM IR and linked into the module on first use, then made internal.
/// </summary>
public static class RuntimeSupport
{
    public const string DigammaName = "__enzyme_sdk_digamma";

    // psi(x): reflection for x < 1/2 (psi(x) = psi(1-x) - pi/tan(pi x)), recurrence
    // psi(v) = psi(v+1) - 1/v up to v >= 10, then the asymptotic series to 1/v^10
    // (truncation error below 1e-15 there).
    private const string DigammaIr = """
        define double @__enzyme_sdk_digamma(double %x) {
        entry:
          %reflect = fcmp olt double %x, 0x3FE0000000000000
          %mirrored = fsub double 0x3FF0000000000000, %x
          %start = select i1 %reflect, double %mirrored, double %x
          br label %loop
        loop:
          %v = phi double [ %start, %entry ], [ %v.next, %body ]
          %acc = phi double [ 0.0, %entry ], [ %acc.next, %body ]
          %small = fcmp olt double %v, 0x4024000000000000
          br i1 %small, label %body, label %series
        body:
          %inv = fdiv double 0x3FF0000000000000, %v
          %acc.next = fsub double %acc, %inv
          %v.next = fadd double %v, 0x3FF0000000000000
          br label %loop
        series:
          %v2 = fmul double %v, %v
          %f = fdiv double 0x3FF0000000000000, %v2
          %p5 = fmul double %f, 0xBF7F07C1F07C1F08
          %p4 = fadd double %p5, 0x3F71111111111111
          %q4 = fmul double %f, %p4
          %p3 = fadd double %q4, 0xBF70410410410410
          %q3 = fmul double %f, %p3
          %p2 = fadd double %q3, 0x3F81111111111111
          %q2 = fmul double %f, %p2
          %p1 = fadd double %q2, 0xBFB5555555555555
          %tail = fmul double %f, %p1
          %logv = call double @llvm.log.f64(double %v)
          %half = fdiv double 0x3FE0000000000000, %v
          %s1 = fsub double %logv, %half
          %s2 = fadd double %s1, %tail
          %psi = fadd double %s2, %acc
          br i1 %reflect, label %reflected, label %done
        reflected:
          %pix = fmul double %x, 0x400921FB54442D18
          %tan = call double @llvm.tan.f64(double %pix)
          %cot = fdiv double 0x400921FB54442D18, %tan
          %r = fsub double %psi, %cot
          br label %done
        done:
          %result = phi double [ %psi, %series ], [ %r, %reflected ]
          ret double %result
        }
        declare double @llvm.log.f64(double)
        declare double @llvm.tan.f64(double)
        """;

    public const string CacheReserveName = "__enzyme_sdk_cache_reserve";
    private const string PlainCacheReserveName = "__enzyme_sdk_cache_reserve_plain";
    private const string PlainCacheGrowName = "__enzyme_sdk_cache_grow_plain";

    // Cache growth without the pool (GPU code, gradients differentiated again): the same check,
    // then doubling (at least 16 elements) with realloc alone. `home` (CachePool's per-site array) is unused.
    private static readonly string PlainCacheIr = ReserveCheckIr(PlainCacheReserveName, PlainCacheGrowName) + """

        define void @__enzyme_sdk_cache_grow_plain(ptr %slot, ptr %capacity, i64 %index, i64 %elementSize, ptr %home) #1 {
        entry:
          %cap = load i64, ptr %capacity
          %twice = shl i64 %cap, 1
          %needed = add i64 %index, 1
          %larger = icmp ugt i64 %twice, %needed
          %wanted = select i1 %larger, i64 %twice, i64 %needed
          %tiny = icmp ult i64 %wanted, 16
          %newcap = select i1 %tiny, i64 16, i64 %wanted
          %old = load ptr, ptr %slot
          %bytes = mul i64 %newcap, %elementSize
          %new = call ptr @realloc(ptr %old, i64 %bytes)
          store ptr %new, ptr %slot
          store i64 %newcap, ptr %capacity
          ret void
        }
        declare ptr @realloc(ptr, i64)
        attributes #1 = { noinline nounwind }
        """;

    /// <summary>
    /// The check inlined at every cache store, in front of a grow function: one compare, and the call
    /// (rarely taken) when the element does not fit. Attribute group #90 and metadata !90 are its own,
    /// so the text can be joined to the grow function's.
    /// </summary>
    public static string ReserveCheckIr(string reserveName, string growName) => $$"""
        define void @{{reserveName}}(ptr %slot, ptr %capacity, i64 %index, i64 %elementSize, ptr %home) #90 {
        entry:
          %cap = load i64, ptr %capacity
          %full = icmp uge i64 %index, %cap
          br i1 %full, label %grow, label %done, !prof !90
        grow:
          call void @{{growName}}(ptr %slot, ptr %capacity, i64 %index, i64 %elementSize, ptr %home)
          br label %done
        done:
          ret void
        }
        attributes #90 = { alwaysinline nounwind }
        !90 = !{!"branch_weights", i32 1, i32 1000}

        """;

    /// <summary>
    /// The runtime functions a cache slot and its capacity are passed to: they read and write
    /// through the two pointers and keep neither.
    /// </summary>
    public static bool IsCacheSlotFunction(string name) =>
        name is CacheReserveName or PlainCacheReserveName or PlainCacheGrowName or CachePool.GrowName or CachePool.ReleaseName;

    /// <summary>Reverse of memmove for floating-point data: src' += dst'; dst' = 0, element by element.</summary>
    public static string MemcpyAdjointName(string elementType) => $"__enzyme_sdk_memcpy_adjoint_{elementType}";

    /// <summary>Reverse of memcpy: like the memmove one, but the buffers cannot overlap, so it vectorises.</summary>
    public static string DisjointCopyAdjointName(string elementType) => $"__enzyme_sdk_disjoint_copy_adjoint_{elementType}";



    // One element of the copy's adjoint: src'[i] += dst'[i]; dst'[i] = 0.
    private static string AdjointStep(string type, string index, string prefix) => $$"""
          %{{prefix}}d = getelementptr inbounds {{type}}, ptr %dst, i64 {{index}}
          %{{prefix}}s = getelementptr inbounds {{type}}, ptr %src, i64 {{index}}
          %{{prefix}}dv = load {{type}}, ptr %{{prefix}}d
          %{{prefix}}sv = load {{type}}, ptr %{{prefix}}s
          %{{prefix}}sum = fadd {{type}} %{{prefix}}sv, %{{prefix}}dv
          store {{type}} %{{prefix}}sum, ptr %{{prefix}}s
          store {{type}} 0.0, ptr %{{prefix}}d
        """;

    // memcpy's buffers are disjoint (noalias: the loop vectorises). memmove's may overlap: walk
    // upwards when the destination lies above the source and downwards otherwise.
    private static string CopyAdjointIr(string name, string type, int size, bool mayOverlap) => $$"""
        define void @{{name}}(ptr {{(mayOverlap ? "" : "noalias ")}}%dst, ptr {{(mayOverlap ? "" : "noalias ")}}%src, i64 %bytes) {
        entry:
          %n = udiv i64 %bytes, {{size}}
          %empty = icmp eq i64 %n, 0
          br i1 %empty, label %done, label %choose
        choose:
          %down = icmp ult ptr %dst, %src
          br i1 {{(mayOverlap ? "%down" : "false")}}, label %backward, label %forward
        forward:
          %i = phi i64 [ 0, %choose ], [ %next, %forward ]
        {{AdjointStep(type, "%i", "f")}}
          %next = add nuw i64 %i, 1
          %more = icmp ult i64 %next, %n
          br i1 %more, label %forward, label %done
        backward:
          %j = phi i64 [ %n, %choose ], [ %jm, %backward ]
          %jm = sub i64 %j, 1
        {{AdjointStep(type, "%jm", "b")}}
          %again = icmp ugt i64 %jm, 0
          br i1 %again, label %backward, label %done
        done:
          ret void
        }
        """;

    /// <summary>The digamma function ψ = Γ'/Γ for double, linked into <paramref name="module"/> once.</summary>
    public static LlvmFunction Digamma(LlvmModule module) => Ensure(module, DigammaName, DigammaIr);

    /// <summary>
    /// The cache-growth check. <paramref name="pooled"/>: growth starts from CachePool's per-thread arrays;
    /// GPU code has no thread-local storage and grows with plain realloc.
    /// </summary>
    /// <summary>The cache growth without the pool (plain realloc doubling), same signature as CachePool's.</summary>
    public static LlvmFunction PlainCacheGrow(LlvmModule module) => Ensure(module, PlainCacheGrowName, PlainCacheIr, PlainCacheReserveName);

    public static LlvmFunction CacheReserve(LlvmModule module, bool pooled)
    {
        if (!pooled)
        {
            return Ensure(module, PlainCacheReserveName, PlainCacheIr, PlainCacheGrowName);
        }
        return CachePool.Reserve(module);
    }

    /// <summary>The memcpy (<paramref name="mayOverlap"/> false) or memmove adjoint for <c>double</c> or <c>float</c> elements.</summary>
    public static LlvmFunction MemcpyAdjoint(LlvmModule module, bool isFloat, bool mayOverlap)
    {
        (string type, int size) = isFloat ? ("float", 4) : ("double", 8);
        string name = mayOverlap ? MemcpyAdjointName(type) : DisjointCopyAdjointName(type);
        return Ensure(module, name, CopyAdjointIr(name, type, size, mayOverlap));
    }

    private static LlvmFunction Ensure(LlvmModule module, string name, string ir, params string[] companions) => EnsureLinked(module, name, ir, companions);

    /// <summary>
    /// The support function <paramref name="name"/>, linking <paramref name="ir"/> (which defines it and the
    /// <paramref name="companions"/>) into the module unless it is there already. Linked with external linkage
    /// (the IR linker skips unreferenced internal symbols), then made internal so the functions never clash
    /// with or leak into user code. The optimiser may inline and delete them between requests, so the IR is
    /// linked again when needed: state that must stay unique belongs in a linkonce_odr global.
    /// </summary>
    public static LlvmFunction EnsureLinked(LlvmModule module, string name, string ir, params string[] companions)
    {
        if (module.GetFunction(name) is { IsDeclaration: false } existing)
        {
            return existing;
        }
        LlvmModule support = module.Context.ParseText(ir, "enzyme-sdk-runtime.ll");
        support.TargetTriple = module.TargetTriple;
        support.DataLayout = module.DataLayout;
        module.Link(support);
        foreach (string function in companions.Prepend(name))
        {
            LlvmFunction linked = module.GetFunction(function)!.Value;
            linked.Linkage = Enzyme.Llvm.Interop.LLVMLinkage.LLVMInternalLinkage;
        }
        return module.GetFunction(name)!.Value;
    }
}
