namespace Enzyme.Engine.Analysis;

/// <summary>How the engine treats a call, decided from the callee alone.</summary>
public enum CallKind
{
    IgnoredIntrinsic,

    /// <summary>A library function or intrinsic with a rule in <see cref="Rules.Calls.CallRules"/> (<see cref="CallTarget.LibraryRule"/>).</summary>
    LibraryRule,
    CustomForwardRule,
    Inactive,
    UserFunction,
    UnknownExternal,
    OtherIntrinsic,
    Indirect,
    InlineAssembly,
}
