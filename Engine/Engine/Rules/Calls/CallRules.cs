using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// The registry of library-call rules, looked up by callee: the special calls (memory, allocation,
/// frexp, modf) first, then the math table (<see cref="MathRules"/>, one <see cref="MathCallRule"/>
/// per entry). The call classifier asks here; the analyses and modes then ask the rule.
/// </summary>
public static class CallRules
{
    private static readonly CallRule[] Special =
    [
        new MemoryTransferRule(), new MemorySetRule(), new AllocationRule(), new DeallocationRule(), new ReallocationRule(),
        new FrexpRule(), new ModfRule(), new OpenMpCriticalRule(), new OpenMpScheduleRule(),
        .. Mpi.MpiRules.All,
    ];

    private static readonly Dictionary<DerivativeRule, MathCallRule> MathCalls =
        MathRules.All.ToDictionary(rule => rule, rule => new MathCallRule(rule));

    /// <summary>Every special rule and every math rule.</summary>
    public static IEnumerable<CallRule> All => Special.Concat(MathCalls.Values);

    /// <summary>The special (non-math) rule for a callee, if any.</summary>
    public static CallRule? FindSpecial(LlvmFunction callee, bool isIntrinsic) =>
        Special.FirstOrDefault(rule => rule.Matches(callee, isIntrinsic));

    /// <summary>The rule for a math function or intrinsic named <paramref name="name"/> (also a function-like annotation's name).</summary>
    public static MathCallRule? FindMath(string name, bool isIntrinsic) =>
        MathRules.TryFind(name, isIntrinsic, out DerivativeRule rule) ? MathCalls[rule] : null;
}
