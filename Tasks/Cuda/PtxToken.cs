namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>A word (<c>.param</c>, <c>saxpy_param_0</c>, <c>16</c>) or one punctuation character of PTX text.</summary>
/// <param name="Line">1-based line where the token starts.</param>
public readonly record struct PtxToken(string Text, int Line);
