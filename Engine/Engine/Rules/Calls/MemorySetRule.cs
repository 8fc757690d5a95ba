using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>memset(d, c, n)</c> (C name and intrinsic): constant bytes.
/// Tangent: the shadow bytes become zero.
/// Adjoint: <c>d̄ = 0</c>: the set overwrote whatever was there.
/// </summary>
public sealed class MemorySetRule : CallRule
{
    public override string Name => "memset";

    public override CallWrites Writes => CallWrites.FirstArgument;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => isIntrinsic
        ? LibraryFunctions.IsMemorySetIntrinsic(callee.Name)
        : callee.Name == LibraryFunctions.MemorySet;

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (!context.HasShadow(call.GetArgument(0)))
        {
            return;
        }
        context.PositionAfter(call);
        LlvmValue destination = context.Shadow(call.GetArgument(0));
        for (int k = 0; k < context.Width; k++)
        {
            LlvmValue clone = call.CloneDetached().Value;
            clone.SetOperand(0, context.Lane(destination, k));
            clone.SetOperand(1, LlvmValue.ConstNull(call.GetArgument(1).Type));
            context.Builder.Insert(clone);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        if (context.HasShadow(call.GetArgument(0)))
        {
            context.Builder.MemSet(context.ShadowAddress(call.GetArgument(0)), LlvmValue.ConstInt(context.Emitter.Context.Int8Type, 0),
                context.Primal(call.GetArgument(2)));
        }
    }
}
