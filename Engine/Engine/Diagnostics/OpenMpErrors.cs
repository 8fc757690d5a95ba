using Enzyme.Llvm;

namespace Enzyme.Engine.Diagnostics;

/// <summary>
/// The OpenMP constructs the engine does not differentiate (ENZ2012, docs/openmp.md): each names the
/// function, is placed at the construct's source line and says what to write instead.
/// </summary>
public static class OpenMpErrors
{
    /// <summary>Whether a callee belongs to the OpenMP runtime (libomp's <c>__kmpc_*</c>, the <c>omp_*</c> API).</summary>
    public static bool IsRuntimeName(string name) =>
        name.StartsWith("__kmpc_", StringComparison.Ordinal) || name.StartsWith("omp_", StringComparison.Ordinal);

    public static EnzymeException UnsupportedRuntimeCall(LlvmFunction primal, LlvmInstruction call, string name) =>
        new(DiagnosticCodes.OpenMpUnsupported,
            $"'{primal.Name}' passes active data to the OpenMP runtime call '{name}', which the engine does not differentiate; " +
            "supported are parallel regions (parallel, parallel for with static or dynamic schedules), reduction(+:...) and other nowait reductions, " +
            "critical sections and omp atomic updates (docs/openmp.md) — write the construct with those, or move it into a function marked __enzyme_inactivefn if it does not affect the result",
            call.DebugLocation);

    public static EnzymeException UnknownMicrotask(LlvmFunction primal, LlvmInstruction fork) =>
        new(DiagnosticCodes.OpenMpUnsupported,
            $"'{primal.Name}' starts a parallel region with active data whose outlined function is not a function of this module (or does not take the captured arguments); " +
            "compile the parallel region with clang -fopenmp into the module being differentiated",
            fork.DebugLocation);

    public static EnzymeException ActiveCapturedValue(LlvmFunction primal, LlvmInstruction fork, int index) =>
        new(DiagnosticCodes.OpenMpUnsupported,
            $"'{primal.Name}' passes an active floating-point value into a parallel region by value (captured argument {index + 1}: firstprivate, or a scalar clang copies into the region); " +
            "share it instead (drop firstprivate, or read it through a pointer inside the region)",
            fork.DebugLocation);

    public static EnzymeException BlockingReduction(LlvmFunction primal, LlvmInstruction reduce) =>
        new(DiagnosticCodes.OpenMpUnsupported,
            $"'{primal.Name}' has a reduction that waits for the other threads (__kmpc_reduce without nowait: a worksharing loop's reduction inside a larger parallel region); " +
            "use '#pragma omp parallel for reduction(...)', or add nowait and a barrier after the loop",
            reduce.DebugLocation);
}
