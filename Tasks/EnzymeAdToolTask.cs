using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Base of the tasks that run <c>enzyme-ad</c>: it is run as <c>dotnet enzyme-ad.dll</c> because
/// NuGet does not keep the execute bit of the package's apphost.
/// </summary>
public abstract class EnzymeAdToolTask : EnzymeToolTask
{
    /// <summary>Path of <c>enzyme-ad.dll</c> in the package's tools/ folder.</summary>
    [Required]
    public string EnzymeAdPath { get; set; } = "";

    /// <summary>The <c>dotnet</c> host (<c>$(DOTNET_HOST_PATH)</c>); found on PATH when empty.</summary>
    public string DotNetHostPath { get; set; } = "";

    /// <summary>The <c>EnzymeGradient</c> items.</summary>
    public ITaskItem[] Gradients { get; set; } = [];

    protected override string ToolName => "enzyme-ad";

    protected override string MissingToolAdvice =>
        "The dotnet host runs enzyme-ad; set DOTNET_HOST_PATH or put dotnet on PATH.";

    protected override string GenerateFullPathToTool()
    {
        if (!string.IsNullOrWhiteSpace(DotNetHostPath))
        {
            return DotNetHostPath;
        }
        string? onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dotnet"))
            .FirstOrDefault(File.Exists);
        return onPath ?? "dotnet";
    }

    protected override bool ValidateParameters()
    {
        if (!File.Exists(EnzymeAdPath))
        {
            LogProjectError(DiagnosticCodes.EngineNotFound,
                $"enzyme-ad was not found at '{EnzymeAdPath}'. The Enzyme.Sdk package is incomplete: clear it from the NuGet cache (dotnet nuget locals global-packages --clear) and restore again.");
            return false;
        }
        foreach (ITaskItem item in Gradients)
        {
            if (GradientSpecification.TryRead(item, out string? error) is null)
            {
                LogProjectError(DiagnosticCodes.InvalidGradient, error!);
            }
        }
        return base.ValidateParameters();
    }

    /// <summary><c>--gradient SPEC</c> for every <c>EnzymeGradient</c>.</summary>
    protected IEnumerable<string> GradientArguments() =>
        Gradients.Select(item => GradientSpecification.TryRead(item, out _))
            .OfType<GradientSpecification>()
            .SelectMany(spec => new[] { "--gradient", spec.ToString() });
}
