namespace Enzyme.Engine.Rules;

/// <summary>What the engine knows about C and C++ runtime functions by name.</summary>
public static class LibraryFunctions
{
    /// <summary>Allocators whose result is fresh memory (shadowed by an allocation of the same kind).</summary>
    public static readonly IReadOnlySet<string> Allocators = new HashSet<string>(StringComparer.Ordinal)
    {
        "malloc", "calloc", "aligned_alloc", "_Znwm", "_Znam", "_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t",
        "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t",
    };

    /// <summary>Deallocators: the shadow is released with the same function.</summary>
    public static readonly IReadOnlySet<string> Deallocators = new HashSet<string>(StringComparer.Ordinal)
    {
        "free", "_ZdlPv", "_ZdaPv", "_ZdlPvm", "_ZdaPvm", "_ZdlPvSt11align_val_t", "_ZdaPvSt11align_val_t",
        "_ZdlPvmSt11align_val_t", "_ZdaPvmSt11align_val_t",
    };

    public const string Reallocate = "realloc";

    /// <summary>Byte copies and fills, as C functions (the LLVM intrinsics are matched by prefix).</summary>
    public static readonly IReadOnlySet<string> MemoryTransfers = new HashSet<string>(StringComparer.Ordinal) { "memcpy", "memmove" };
    public const string MemorySet = "memset";

    /// <summary>Functions that never carry derivatives: I/O, timing, random numbers, string inspection, process control.</summary>
    public static readonly IReadOnlySet<string> Inactive = new HashSet<string>(StringComparer.Ordinal)
    {
        "printf", "fprintf", "sprintf", "snprintf", "vprintf", "vfprintf", "vsnprintf", "puts", "fputs", "putchar", "fputc", "putc",
        "fflush", "fopen", "fclose", "fwrite", "perror", "exit", "_exit", "abort", "__assert_fail", "__cxa_pure_virtual",
        "clock", "time", "gettimeofday", "clock_gettime", "rand", "srand", "random", "srandom", "drand48", "srand48",
        "getenv", "strlen", "strcmp", "strncmp", "malloc_usable_size", "sleep", "usleep", "omp_get_thread_num",
        "omp_get_num_threads", "omp_get_wtime",
        // The Fortran runtime's list-directed output (print *, ...), STOP and fatal errors.
        "_FortranAioBeginExternalListOutput", "_FortranAioOutputAscii", "_FortranAioOutputReal64", "_FortranAioOutputReal32",
        "_FortranAioOutputInteger32", "_FortranAioOutputInteger64", "_FortranAioOutputLogical", "_FortranAioEndIoStatement",
        "_FortranAStopStatement", "_FortranAStopStatementText", "_FortranAReportFatalUserError", "_FortranAAbort",
    };

    /// <summary>LLVM intrinsics without any derivative meaning (annotations, lifetimes, debug info).</summary>
    public static bool IsIgnoredIntrinsic(string name) =>
        name.StartsWith("llvm.lifetime.", StringComparison.Ordinal)
        || name.StartsWith("llvm.dbg.", StringComparison.Ordinal)
        || name.StartsWith("llvm.assume", StringComparison.Ordinal)
        || name.StartsWith("llvm.experimental.noalias.scope.decl", StringComparison.Ordinal)
        || name.StartsWith("llvm.invariant.", StringComparison.Ordinal)
        || name.StartsWith("llvm.prefetch", StringComparison.Ordinal)
        || name.StartsWith("llvm.stacksave", StringComparison.Ordinal)
        || name.StartsWith("llvm.stackrestore", StringComparison.Ordinal)
        || name.StartsWith("llvm.var.annotation", StringComparison.Ordinal)
        || name.StartsWith("llvm.ptr.annotation", StringComparison.Ordinal)
        || name.StartsWith("llvm.sideeffect", StringComparison.Ordinal)
        || name.StartsWith("llvm.donothing", StringComparison.Ordinal)
        || name.StartsWith("llvm.trap", StringComparison.Ordinal)
        || name.StartsWith("llvm.debugtrap", StringComparison.Ordinal);

    public static bool IsMemoryTransferIntrinsic(string name) =>
        name.StartsWith("llvm.memcpy", StringComparison.Ordinal) || name.StartsWith("llvm.memmove", StringComparison.Ordinal);

    public static bool IsMemorySetIntrinsic(string name) => name.StartsWith("llvm.memset", StringComparison.Ordinal);
}
