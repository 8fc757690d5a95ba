namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// Runs the reverse-corpus programs whose gradients allocate — heap shadows (<c>malloc</c>/<c>calloc</c>
/// adjoints), caches of loops with unknown trip counts that grow at run time, and the tapes of non-inlined
/// recursive calls — under valgrind memcheck: the test fails on any definite or indirect leak, invalid access
/// or read of uninitialised memory, so every cache and tape must be freed on every path of the reverse sweep.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class GradientMemoryTests
{
    private static readonly string[] AllocatingPrograms =
    [
        "heap_malloc.c",
        "heap_calloc.c",
        "custom_gradient.c",
        "split_mode.c",
        "recursion_split.c",
        "noinline_helpers.c",
        "loop_runtime_trip.c",
        "while_data_exit.c",
        "early_return_loop.c",
        "bubble_sort.c",
        "stencil_inplace.c",
        "cpp_std_vector.cpp",
        "cpp_exceptions.cpp",
        "heap_realloc.c",
        "pointer_returning_calls.c",
        "thomas_tridiagonal.c",
        "rk3_lotka_volterra.c",
        "mutual_recursion_parity.c",
        "binary_tree_heap.c",
        "linked_list_reverse.c",
        "calloc_scratch_sweeps.c",
        "cpp_new_delete_objects.cpp",
        "cpp_vector_of_structs.cpp",
        "split_mode_heap_loop.c",
        "forward_split.c",
        "vector_width.c",
        "cpp_vector_exceptions.cpp",
        "global_accumulator_recursive.c",
        "ode_adjoint_rk4_heap.c",
        "sparse_csr_matvec.c",
        "cross_unit_calls",
        // Per-thread tapes and the cache pools of libomp's worker threads (freed when libomp ends them at exit).
        "openmp_regions.c",
    ];

    public static IEnumerable<TestCaseData> Programs() =>
        AllocatingPrograms.Select(p => new TestCaseData(p).SetName($"NoLeaks({p})"));

    [TestCaseSource(nameof(Programs))]
    public void NoLeaks(string program) => CorpusProgram.BuildAndRun("reverse", program, "-O2", underValgrind: true);
}
