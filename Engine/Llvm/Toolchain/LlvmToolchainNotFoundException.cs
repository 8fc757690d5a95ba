namespace Enzyme.Llvm.Toolchain;

/// <summary>No usable LLVM 22 installation: the message names the exact install command.</summary>
public sealed class LlvmToolchainNotFoundException(string message) : Exception(message);
