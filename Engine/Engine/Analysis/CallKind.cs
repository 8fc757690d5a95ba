namespace Enzyme.Engine.Analysis;

/// <summary>How the engine treats a call, decided from the callee alone.</summary>
public enum CallKind
{
    IgnoredIntrinsic,
    MemoryTransfer,
    MemorySet,
    Allocation,
    Reallocation,
    Deallocation,
    MathRule,
    Frexp,
    Modf,
    CustomForwardRule,
    Inactive,
    UserFunction,
    UnknownExternal,
    OtherIntrinsic,
    Indirect,
    InlineAssembly,
}
