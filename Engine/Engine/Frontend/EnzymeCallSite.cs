using Enzyme.Llvm;

namespace Enzyme.Engine.Frontend;

/// <summary>A call to an Enzyme C API function found in the module.</summary>
public sealed record EnzymeCallSite(
    LlvmInstruction Call,
    string CalleeName,
    EnzymeEntryPoint EntryPoint,
    LlvmFunction Caller,
    DebugLocation? Location)
{
    /// <summary>"in function 'f'", plus a hint when there is no debug location to point at.</summary>
    public string Where => Location is null
        ? $"in function '{Caller.Name}' (no debug location: compile with -g to get the source line)"
        : $"in function '{Caller.Name}'";
}
