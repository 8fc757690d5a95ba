namespace Enzyme.Engine.Pipeline;

/// <summary>What <see cref="ModulePipeline"/> reads, how it optimises, and what it writes.</summary>
public sealed record PipelineOptions
{
    public required IReadOnlyList<string> Inputs { get; init; }
    public required string Output { get; init; }

    /// <summary>0–3, as <c>-O0</c> … <c>-O3</c>.</summary>
    public int OptimizationLevel { get; init; } = 2;

    /// <summary>Target triple; null means the module's own, else the host's (nvptx64-nvidia-cuda for .ptx).</summary>
    public string? TargetTriple { get; init; }

    /// <summary>CPU name; null means generic (sm_80 for NVPTX).</summary>
    public string? Cpu { get; init; }

    /// <summary>A new-pass-manager pipeline that replaces <c>default&lt;On&gt;</c>.</summary>
    public string? Passes { get; init; }

    /// <summary>
    /// Whether each function is optimised (<see cref="Transforms.PreDifferentiationPipeline"/>) before it is
    /// differentiated. Off (<c>--no-preopt</c>) only to see a rule's output on IR as written, as the IR-shape tests do.
    /// </summary>
    public bool OptimiseBeforeDifferentiation { get; init; } = true;

    /// <summary>
    /// In the reverse sweep of an OpenMP parallel region, whether a shared scalar the region only reads gets one
    /// partial adjoint per thread, added to the shared adjoint once per thread (the default, measured faster in
    /// bench/openmp), instead of one atomic add per iteration (<c>--openmp-atomic-scalar-adjoints</c>, docs/openmp.md).
    /// </summary>
    public bool PrivateScalarAdjointsInParallelRegions { get; init; } = true;

    /// <summary>Derivative entry points to export by name (EnzymeGradient items).</summary>
    public IReadOnlyList<Frontend.GradientSpecification> Gradients { get; init; } = [];

    public const string DefaultPtxTriple = "nvptx64-nvidia-cuda";
    public const string DefaultPtxCpu = "sm_80";
}
