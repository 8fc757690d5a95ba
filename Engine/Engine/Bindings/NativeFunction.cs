using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Bindings;

/// <summary>A C function to bind: its declaration, and where it comes from (a source or a requested gradient).</summary>
public sealed record NativeFunction(CFunctionDeclaration Declaration, string Origin);
