using System.Globalization;
using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Runs <c>enzyme-ad check-gradients</c> on the built assembly: each <c>EnzymeGradient</c> (unless
/// <c>Check="false"</c>) is compared with finite differences at the points of its <c>CheckPoints</c> /
/// <c>CheckRange</c> metadata through the generated <c>NAME_check</c> method. enzyme-ad prints one canonical
/// line per gradient: ENZ4060 (wrong), ENZ4061 (could not check), warning ENZ4062 (non-smooth point).
/// </summary>
public sealed class CheckGradients : EnzymeAdToolTask
{
    /// <summary>The project's built assembly, next to its native library.</summary>
    [Required]
    public string Assembly { get; set; } = "";

    /// <summary>The bindings class, namespace-qualified.</summary>
    [Required]
    public string ClassName { get; set; } = "";

    /// <summary>The <c>EnzymeGradient</c> items to check.</summary>
    public ITaskItem[] CheckedGradients { get; set; } = [];

    protected override IReadOnlyList<string> BuildArguments()
    {
        var arguments = new List<string> { EnzymeAdPath, "check-gradients", "--assembly", Path.GetFullPath(Assembly), "--class", ClassName };
        foreach (ITaskItem item in CheckedGradients)
        {
            if (GradientSpecification.TryRead(item, out _) is not { } specification)
            {
                continue;
            }
            arguments.AddRange(["--gradient", specification.Name]);
            AddMetadata(arguments, item, "CheckPoints", "--points");
            AddMetadata(arguments, item, "CheckRange", "--range");
            AddMetadata(arguments, item, "CheckSizes", "--check-sizes");
            AddMetadata(arguments, item, "Sizes", "--sizes");
            AddMetadata(arguments, item, "CheckSeed", "--seed");
            AddMetadata(arguments, item, "CheckTolerance", "--tolerance");
        }
        return arguments;
    }

    protected override bool ValidateParameters()
    {
        foreach (ITaskItem item in CheckedGradients)
        {
            string seed = item.GetMetadata("CheckSeed").Trim(), tolerance = item.GetMetadata("CheckTolerance").Trim();
            if ((seed.Length > 0 && !int.TryParse(seed, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                || (tolerance.Length > 0 && !(double.TryParse(tolerance, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) && t > 0)))
            {
                LogProjectError(DiagnosticCodes.GradientCheckNotRun,
                    $"EnzymeGradient '{item.ItemSpec}': CheckSeed must be an integer and CheckTolerance a positive number (got '{seed}', '{tolerance}').");
            }
        }
        return base.ValidateParameters();
    }

    /// <summary>The check's result lines (passed gradients) are worth seeing at the default verbosity.</summary>
    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    private static void AddMetadata(List<string> arguments, ITaskItem item, string metadata, string option)
    {
        string value = item.GetMetadata(metadata).Trim();
        if (value.Length > 0)
        {
            arguments.AddRange([option, value]);
        }
    }
}
