using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// A math-library function or intrinsic with an entry in <see cref="MathRules"/>, which gives
/// its partial derivatives ∂f/∂xᵢ.
/// Tangent: <c>ẏ = Σ ∂f/∂xᵢ · ẋᵢ</c>.
/// Adjoint: <c>x̄ᵢ += ∂f/∂xᵢ · ȳ</c>, with a formula reusing a sibling call of the same block
/// (the <c>cos(x)</c> next to <c>sin(x)</c>) instead of calling it again.
/// </summary>
public sealed class MathCallRule(DerivativeRule rule) : CallRule
{
    public DerivativeRule Rule { get; } = rule;

    public override string Name => Rule.Name;

    public override CallWrites Writes => CallWrites.Nothing;

    /// <summary>Math rules are looked up through <see cref="MathRules.TryFind"/> by <see cref="CallRules"/>.</summary>
    public override bool Matches(LlvmFunction callee, bool isIntrinsic) =>
        MathRules.TryFind(callee.Name, isIntrinsic, out DerivativeRule found) && found == Rule;

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (!context.IsShadowed(call.Value))
        {
            return;
        }
        context.PositionAfter(call);
        if (Rule.IsPiecewiseConstant)
        {
            context.Record(call, context.ZeroShadow(call.Type));
            return;
        }
        LlvmValue[] arguments = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument).ToArray();
        LlvmValue?[] partials = Rule.Partials(new RuleContext(context.Emitter, arguments, call.Value));
        var active = Enumerable.Range(0, Math.Min(arguments.Length, partials.Length))
            .Where(i => partials[i] is not null && context.HasShadow(arguments[i]) && TypeFacts.IsFloatingPointValue(arguments[i].Type))
            .Select(i => (Partial: partials[i]!.Value, Shadow: context.Shadow(arguments[i])))
            .ToList();
        var lanes = new LlvmValue[context.Width];
        for (int k = 0; k < context.Width; k++)
        {
            LlvmValue? sum = null;
            foreach ((LlvmValue partial, LlvmValue shadow) in active)
            {
                LlvmValue term = context.Builder.FMul(partial, context.Lane(shadow, k));
                sum = sum is null ? term : context.Builder.FAdd(sum.Value, term);
            }
            lanes[k] = sum ?? LlvmValue.ConstNull(call.Type);
        }
        context.Record(call, context.FromLanes(call.Type, lanes));
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        if (!context.IsActive(call.Value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(call.Value);
        if (Rule.IsPiecewiseConstant)
        {
            return;
        }
        var arguments = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument).ToArray();
        LlvmValue[] materialized = arguments.Select(context.Primal).ToArray();
        LlvmValue?[] partials = Rule.Partials(new RuleContext(context.Emitter, materialized, context.Primal(call.Value),
            (name, formulaArguments) => SiblingCall(context, call, arguments, materialized, name, formulaArguments)));
        for (int i = 0; i < Math.Min(arguments.Length, partials.Length); i++)
        {
            if (partials[i] is { } partial && context.IsActive(arguments[i]) && TypeFacts.IsFloatingPointValue(arguments[i].Type))
            {
                context.AddToAdjoint(arguments[i], context.Builder.FMul(d, partial));
            }
        }
    }

    /// <summary>
    /// A call of the same block that computes what a derivative formula is about to compute:
    /// <c>cos(x)</c> for the derivative of <c>sin(x)</c> when the primal also calls <c>cos(x)</c>
    /// (a rotation). Same block, so it ran whenever the call being reversed did; its value comes
    /// back like any primal value (directly, or from a cache, cheaper than a second call).
    /// </summary>
    private static LlvmValue? SiblingCall(IAdjointContext context, LlvmInstruction call, LlvmValue[] arguments, LlvmValue[] materialized,
        string intrinsic, LlvmValue[] formulaArguments)
    {
        if (formulaArguments.Length != arguments.Length || formulaArguments.Where((a, i) => a.Handle != materialized[i].Handle).Any())
        {
            return null;
        }
        string suffix = call.Type.Kind == LLVMTypeKind.LLVMFloatTypeKind ? "f" : call.Type.Kind == LLVMTypeKind.LLVMDoubleTypeKind ? "" : "?";
        foreach (LlvmInstruction sibling in call.Parent.Instructions)
        {
            if (sibling.Opcode != LLVMOpcode.LLVMCall || sibling.Handle == call.Handle || sibling.Type.Handle != call.Type.Handle
                || sibling.ArgumentCount != arguments.Length || sibling.CalledValue.Name is not { } name
                || !(name == intrinsic + suffix || name.StartsWith($"llvm.{intrinsic}.", StringComparison.Ordinal)))
            {
                continue;
            }
            if (Enumerable.Range(0, arguments.Length).All(i => sibling.GetArgument(i).Handle == arguments[i].Handle))
            {
                return context.Primal(sibling.Value);
            }
        }
        return null;
    }
}
