using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Runs <c>enzyme-ad</c> on all the bitcode: links it, replaces every <c>__enzyme_*</c> call with
/// its derivative, adds one exported function per <c>EnzymeGradient</c>, optimises and writes one
/// position-independent object file.
/// </summary>
public sealed class Differentiate : EnzymeAdToolTask
{
    [Required]
    public ITaskItem[] Bitcode { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>Target CPU for the code generator: the GPU architecture (<c>sm_80</c>) when the output is PTX.</summary>
    public string Cpu { get; set; } = "";

    /// <summary><c>EnzymeOptimization</c>: O0, O1, O2 or O3 (a leading '-' is accepted).</summary>
    public string Optimization { get; set; } = "O2";

    protected override bool ValidateParameters()
    {
        if (NormalizedOptimization() is null)
        {
            LogProjectError(DiagnosticCodes.InvalidProperty, $"EnzymeOptimization '{Optimization}' is not O0, O1, O2 or O3.");
        }
        return base.ValidateParameters();
    }

    protected override IReadOnlyList<string> BuildArguments()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
        var arguments = new List<string> { EnzymeAdPath };
        arguments.AddRange(Bitcode.Select(b => Path.GetFullPath(b.ItemSpec)));
        arguments.AddRange(["-o", TemporaryOutput(OutputFile), NormalizedOptimization() ?? "-O2"]);
        if (Cpu.Trim().Length > 0)
        {
            arguments.AddRange(["--cpu", Cpu.Trim()]);
        }
        arguments.AddRange(GradientArguments());
        return arguments;
    }

    private string? NormalizedOptimization()
    {
        string level = Optimization.Trim().TrimStart('-').ToUpperInvariant();
        return level.Length == 0 ? "-O2" : level is "O0" or "O1" or "O2" or "O3" ? "-" + level : null;
    }
}
