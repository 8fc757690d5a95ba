namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>A PTX <c>.entry</c> declaration: the kernel's name and its parameters in order.</summary>
/// <param name="Line">1-based line of the <c>.entry</c> directive, for diagnostics.</param>
public sealed record PtxKernel(string Name, IReadOnlyList<PtxParameter> Parameters, int Line);
