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

    /// <summary><c>__kmpc_fork_call</c>: a call of the OpenMP microtask (<see cref="Rules.OpenMpRuntime.Microtask"/>) on every thread of a team.</summary>
    ParallelFork,
}
