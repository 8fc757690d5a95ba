namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>
/// The ENZ4xxx codes of the CUDA tasks. Kept apart from <see cref="DiagnosticCodes"/> only until
/// they are merged there and listed in docs/diagnostics.md.
/// </summary>
public static class CudaDiagnosticCodes
{
    /// <summary>The PTX file for the launch stubs is missing, unreadable, or has a malformed <c>.entry</c> declaration.</summary>
    public const string InvalidPtx = "ENZ4030";

    /// <summary>The PTX file declares no <c>.entry</c> kernel, so the stubs class only loads the module.</summary>
    public const string NoKernels = "ENZ4031";
}
