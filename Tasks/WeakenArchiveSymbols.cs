using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// <c>llvm-objcopy --weaken</c>: every symbol an archive defines becomes weak (references stay as they are, so
/// members are still extracted for them). Applied to the Rust runtime, it lets a crate's own definitions win: a
/// crate with a <c>#[global_allocator]</c> defines the allocator shims (<c>__rust_alloc</c>, ...) itself, and the
/// runtime's default shims, extracted for the marker symbol they share a member with, must then give way
/// instead of being duplicate definitions.
/// </summary>
public sealed class WeakenArchiveSymbols : EnzymeToolTask
{
    [Required]
    public string InputFile { get; set; } = "";

    [Required]
    public string OutputFile { get; set; } = "";

    protected override string ToolName => "llvm-objcopy";

    protected override string GenerateFullPathToTool() => LlvmTool(ToolName);

    protected override IReadOnlyList<string> BuildArguments() =>
        ["--weaken", Path.GetFullPath(InputFile), TemporaryOutput(OutputFile)];
}
