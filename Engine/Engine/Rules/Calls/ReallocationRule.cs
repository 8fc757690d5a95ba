using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>q = realloc(p, n)</c>, or Rust's <c>q = __rust_realloc(p, old_size, align, n)</c>.
/// Tangent: the shadow is reallocated the same way (or, when p had none, a zeroed block).
/// Reverse: <see cref="Transforms.ReallocationExpansion"/> rewrites realloc of active memory as
/// malloc + copy + free before reverse mode runs; one left over is an error.
/// Activity: the new block has shadow memory when the old one had.
/// </summary>
public sealed class ReallocationRule : CallRule
{
    public override string Name => "realloc";

    public override CallWrites Writes => CallWrites.Anything;

    public override bool Allocates => true;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => !isIntrinsic && LibraryFunctions.IsReallocator(callee.Name);

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (context.IsShadowed(call.GetArgument(0)))
        {
            context.MarkShadowAllocation(call);
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (!context.IsShadowed(call.Value))
        {
            return;
        }
        context.PositionAfter(call);
        LlvmValue old = call.GetArgument(0);
        bool oldHasShadow = context.IsShadowed(old);
        LlvmValue oldShadow = oldHasShadow ? context.Shadow(old) : default;
        var lanes = new LlvmValue[context.Width];
        for (int k = 0; k < context.Width; k++)
        {
            if (oldHasShadow)
            {
                LlvmValue clone = call.CloneDetached().Value;
                clone.SetOperand(0, context.Lane(oldShadow, k));
                context.Builder.Insert(clone, call.Value.Name + "'");
                lanes[k] = clone;
            }
            else
            {
                lanes[k] = RustAllocatorShims.IsReallocator(call.CalledValue.Name)
                    ? ZeroedRustBlock(context, call)
                    : ShadowAllocation.Calloc(context.Emitter, call.GetArgument(1));
            }
        }
        context.Record(call, context.FromLanes(call.Type, lanes));
    }

    /// <summary>A zeroed block for <c>__rust_realloc(p, old_size, align, new_size)</c>'s shadow, from Rust's allocator, which its dealloc releases.</summary>
    private static LlvmValue ZeroedRustBlock(ITangentContext context, LlvmInstruction call)
    {
        LlvmType pointer = context.Emitter.Context.PointerType(), i64 = context.Emitter.Context.Int64Type;
        LlvmFunction allocZeroed = context.Emitter.DeclareFunction(RustAllocatorShims.SiblingSymbol(call.CalledValue.Name, RustAllocatorShims.AllocZeroed),
            LlvmType.Function(pointer, [i64, i64]));
        return context.Emitter.CallFunction(allocZeroed, call.GetArgument(3), call.GetArgument(2));
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        bool anyArgumentActive = Enumerable.Range(0, call.ArgumentCount)
            .Any(i => context.IsShadowed(call.GetArgument(i)) && TypeFacts.CarriesDerivative(call.GetArgument(i).Type));
        if (context.IsShadowed(call.Value) || anyArgumentActive)
        {
            throw context.Unsupported(call, "realloc of memory holding active data");
        }
    }
}
