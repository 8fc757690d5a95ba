namespace Enzyme.Llvm.Clang;

/// <summary>A parameter of a C function; <paramref name="Name"/> is empty when the declaration leaves it unnamed.</summary>
public sealed record CParameter(string Name, CTypeDescription Type);
