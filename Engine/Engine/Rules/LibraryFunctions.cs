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

    /// <summary>Whether <paramref name="name"/> returns fresh memory: a C/C++ allocator or Rust's <c>__rust_alloc[_zeroed]</c>.</summary>
    public static bool IsAllocator(string name) => Allocators.Contains(name) || RustAllocatorShims.IsAllocator(name);

    /// <summary>Whether <paramref name="name"/> releases memory: a C/C++ deallocator or Rust's <c>__rust_dealloc(ptr, size, align)</c>.</summary>
    public static bool IsDeallocator(string name) => Deallocators.Contains(name) || RustAllocatorShims.IsDeallocator(name);

    /// <summary>Whether <paramref name="name"/> is C's <c>realloc</c> or Rust's <c>__rust_realloc</c>.</summary>
    public static bool IsReallocator(string name) => name == Reallocate || RustAllocatorShims.IsReallocator(name);

    /// <summary>Byte copies and fills, as C functions (the LLVM intrinsics are matched by prefix).</summary>
    public static readonly IReadOnlySet<string> MemoryTransfers = new HashSet<string>(StringComparer.Ordinal) { "memcpy", "memmove" };
    public const string MemorySet = "memset";

    /// <summary>
    /// Functions that never carry derivatives although their signatures cannot show it (pointers to
    /// characters, streams, hash states; a float they only print): I/O, timing, random numbers, string
    /// inspection, process control, C++ hashing, rehash policies, locale and stream formatting, and
    /// libstdc++'s throw helpers. What they write is text, integers or bookkeeping, never the program's
    /// floating-point data. Functions whose declaration proves the same are found without a list
    /// (<see cref="Analysis.DerivativeFreeSignature"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> Inactive = new HashSet<string>(StringComparer.Ordinal)
    {
        "printf", "fprintf", "sprintf", "snprintf", "vprintf", "vfprintf", "vsnprintf", "vsprintf", "puts", "fputs", "putchar", "fputc", "putc",
        "fflush", "fopen", "fclose", "fwrite", "perror", "exit", "_exit", "abort", "__assert_fail", "__cxa_pure_virtual",
        "clock", "time", "difftime", "gettimeofday", "clock_gettime", "rand", "srand", "random", "srandom", "drand48", "srand48",
        "getenv", "strlen", "strnlen", "strcmp", "strncmp", "strchr", "strrchr", "strstr", "memchr", "memcmp", "atoi", "atol", "atoll",
        "malloc_usable_size", "sleep", "usleep", "omp_get_thread_num", "omp_get_num_threads", "omp_get_max_threads", "omp_get_wtime",
        "setlocale", "localeconv", "__cxa_guard_acquire", "__cxa_guard_release", "__cxa_guard_abort", "__cxa_atexit",
        // libstdc++: string hashing, the unordered containers' rehash policy (bucket counts; its
        // max_load_factor is a float but no derivative flows through a bucket count).
        "_ZSt11_Hash_bytesPKvmm", "_ZSt15_Fnv_hash_bytesPKvmm",
        "_ZNKSt8__detail20_Prime_rehash_policy14_M_need_rehashEmmm", "_ZNKSt8__detail20_Prime_rehash_policy11_M_next_bktEm",
        // libstdc++: the out-of-line throw helpers (the throw itself is ENZ2010 on the differentiated path).
        "_ZSt17__throw_bad_allocv", "_ZSt28__throw_bad_array_new_lengthv", "_ZSt20__throw_length_errorPKc",
        "_ZSt20__throw_out_of_rangePKc", "_ZSt24__throw_out_of_range_fmtPKcz", "_ZSt19__throw_logic_errorPKc",
        "_ZSt25__throw_bad_function_callv", "_ZSt16__throw_bad_castv", "_ZSt21__throw_bad_optional_accessv",
        // libstdc++: locale and stream output (std::cout << x prints x; it does not change it).
        "_ZNSt6localeC1Ev", "_ZNSt6localeD1Ev", "_ZNSt8ios_base4InitC1Ev", "_ZNSt8ios_base4InitD1Ev",
        "_ZNSo9_M_insertIdEERSoT_", "_ZNSo9_M_insertIlEERSoT_", "_ZNSo9_M_insertImEERSoT_", "_ZNSo9_M_insertIbEERSoT_",
        "_ZNSolsEi", "_ZNSo3putEc", "_ZNSo5flushEv", "_ZNSo5writeEPKcl",
        "_ZSt16__ostream_insertIcSt11char_traitsIcEERSt13basic_ostreamIT_T0_ES6_PKS3_l",
        "_ZStlsISt11char_traitsIcEERSt13basic_ostreamIcT_ES5_PKc", "_ZSt4endlIcSt11char_traitsIcEERSt13basic_ostreamIT_T0_ES6_",
        // The Fortran runtime's list-directed output (print *, ...), STOP and fatal errors.
        "_FortranAioBeginExternalListOutput", "_FortranAioOutputAscii", "_FortranAioOutputReal64", "_FortranAioOutputReal32",
        "_FortranAioOutputInteger32", "_FortranAioOutputInteger64", "_FortranAioOutputLogical", "_FortranAioEndIoStatement",
        "_FortranAStopStatement", "_FortranAStopStatementText", "_FortranAReportFatalUserError", "_FortranAAbort",
        // libgfortran (gfortran-compiled code): WRITE/PRINT statements, STOP and runtime errors.
        "_gfortran_st_write", "_gfortran_st_write_done", "_gfortran_transfer_character_write", "_gfortran_transfer_real_write",
        "_gfortran_transfer_integer_write", "_gfortran_transfer_logical_write", "_gfortran_stop_string", "_gfortran_stop_numeric",
        "_gfortran_error_stop_string", "_gfortran_runtime_error_at", "_gfortran_os_error_at", "_gfortran_set_args", "_gfortran_set_options",
    };

    /// <summary>
    /// Families of C++ library functions that never carry derivatives, by mangled-name prefix:
    /// <c>std::string</c>'s members (characters, sizes and its own buffer; libstdc++ compiles them
    /// once, so they are external here), <c>std::allocator&lt;char&gt;</c>, <c>std::ios_base</c> and <c>std::locale</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> InactivePrefixes =
    [
        "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE", "_ZNKSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE",
        "_ZNSt8ios_base", "_ZNKSt8ios_base", "_ZNSt6locale", "_ZNKSt6locale",
        // std::allocator<char>'s constructors and destructor (empty; external like std::string's members).
        "_ZNSaIcEC1", "_ZNSaIcEC2", "_ZNSaIcED1", "_ZNSaIcED2",
    ];

    /// <summary>Whether <paramref name="name"/> is a library function known to carry no derivative (<see cref="Inactive"/>, <see cref="InactivePrefixes"/>).</summary>
    public static bool IsKnownInactive(string name) =>
        Inactive.Contains(name) || InactivePrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))
        || OpenMpRuntime.IsInactive(name) || RustAllocatorShims.IsMarker(name) || RustStandardLibrary.IsInactive(name);

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
