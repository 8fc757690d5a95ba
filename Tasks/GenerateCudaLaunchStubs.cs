using Enzyme.Sdk.Tasks.Cuda;
using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Reads the <c>.entry</c> kernels of a PTX file and writes their typed C# launch stubs (see
/// <see cref="CudaLaunchStubWriter"/>). Runs in process: it only parses text. The output file is
/// rewritten only when its content changes, so an unchanged PTX does not make the compiler run.
/// </summary>
public sealed class GenerateCudaLaunchStubs : Microsoft.Build.Utilities.Task
{
    /// <summary>The PTX made by <c>enzyme-ad … -o NAME.ptx</c>.</summary>
    [Required]
    public string PtxFile { get; set; } = "";

    /// <summary>The C# file to write (e.g. <c>$(IntermediateOutputPath)NameKernels.g.cs</c>).</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    [Required]
    public string Namespace { get; set; } = "";

    [Required]
    public string ClassName { get; set; } = "";

    /// <summary>The manifest resource name under which the project embeds the PTX (<c>LogicalName</c> of its <c>EmbeddedResource</c>).</summary>
    [Required]
    public string ResourceName { get; set; } = "";

    /// <summary>The PTX names of the kernels found, in file order.</summary>
    [Output]
    public string[] KernelNames { get; private set; } = [];

    /// <summary>True when <see cref="OutputFile"/> was (re)written; false when it was already up to date.</summary>
    [Output]
    public bool OutputChanged { get; private set; }

    public override bool Execute()
    {
        IReadOnlyList<PtxKernel> kernels;
        try
        {
            kernels = PtxEntryReader.ReadFile(PtxFile);
        }
        catch (PtxFormatException exception)
        {
            Log.LogError(null, CudaDiagnosticCodes.InvalidPtx, null, PtxFile, exception.Line, 0, 0, 0,
                "{0} Check that the file is PTX written by enzyme-ad or the NVPTX back end.", exception.Reason);
            return false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.LogError(null, CudaDiagnosticCodes.InvalidPtx, null, PtxFile, 0, 0, 0, 0,
                "Cannot read the PTX for the CUDA launch stubs: {0}", exception.Message);
            return false;
        }
        if (kernels.Count == 0)
        {
            Log.LogWarning(null, CudaDiagnosticCodes.NoKernels, null, PtxFile, 0, 0, 0, 0,
                "The PTX declares no .entry kernel; mark device functions that should be launched __global__.");
        }
        KernelNames = kernels.Select(k => k.Name).ToArray();

        string code = CudaLaunchStubWriter.Write(kernels, Namespace, ClassName, ResourceName, Path.GetFileName(PtxFile));
        string output = Path.GetFullPath(OutputFile);
        if (File.Exists(output) && File.ReadAllText(output) == code)
        {
            Log.LogMessage(MessageImportance.Low, "{0} is up to date.", output);
            return true;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, code);
        OutputChanged = true;
        Log.LogMessage(MessageImportance.Normal, "Wrote launch stubs for {0} kernel(s) to {1}.", kernels.Count, output);
        return !Log.HasLoggedErrors;
    }
}
