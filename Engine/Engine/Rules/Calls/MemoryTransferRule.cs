using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>memcpy(d, s, n)</c> / <c>memmove</c> (C names and intrinsics).
/// Tangent: the same copy between the shadows; copying inactive bytes zeroes the destination's shadow.
/// Adjoint: <c>s̄ += d̄; d̄ = 0</c> for the floating-point bytes (<see cref="RuntimeSupport.MemcpyAdjoint"/>),
/// or just <c>d̄ = 0</c> when the source has no shadow.
/// Activity: copying shadowed bytes needs shadow memory at the destination.
/// </summary>
public sealed class MemoryTransferRule : CallRule
{
    public override string Name => "memcpy/memmove";

    public override CallWrites Writes => CallWrites.FirstArgument;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => isIntrinsic
        ? LibraryFunctions.IsMemoryTransferIntrinsic(callee.Name)
        : LibraryFunctions.MemoryTransfers.Contains(callee.Name);

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        LlvmValue destination = call.GetArgument(0), source = call.GetArgument(1);
        if (context.IsShadowed(source) && !context.IsShadowed(destination))
        {
            context.RequireShadowMemory(destination, call, reportConstant: true);
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (!context.HasShadow(call.GetArgument(0)))
        {
            return;
        }
        if (context.IsShadowed(call.GetArgument(1)))
        {
            context.CloneWithShadows(call, 0, 1);
            return;
        }
        // Copying inactive bytes makes the destination's derivative zero.
        context.PositionAfter(call);
        LlvmValue destination = context.Shadow(call.GetArgument(0));
        LlvmValue length = call.GetArgument(2);
        for (int k = 0; k < context.Width; k++)
        {
            context.Builder.MemSet(context.Lane(destination, k), LlvmValue.ConstInt(context.Emitter.Context.Int8Type, 0), length);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        if (!context.HasShadow(call.GetArgument(0)))
        {
            return;
        }
        LlvmBuilder builder = context.Builder;
        LlvmValue destination = context.ShadowAddress(call.GetArgument(0));
        LlvmValue length = context.Primal(call.GetArgument(2));
        if (context.HasShadow(call.GetArgument(1)))
        {
            bool mayOverlap = call.CalledValue.Name.Contains("memmove", StringComparison.Ordinal);
            LlvmFunction adjoint = RuntimeSupport.MemcpyAdjoint(context.Emitter.Module, HoldsSinglePrecision(call.GetArgument(0)), mayOverlap);
            LlvmValue source = context.ShadowAddress(call.GetArgument(1));
            LlvmValue length64 = length.Type.IntegerWidth == 64 ? length : builder.Cast(LLVMOpcode.LLVMZExt, length, context.Emitter.Context.Int64Type);
            context.Emitter.CallFunction(adjoint, destination, source, length64);
        }
        else
        {
            builder.MemSet(destination, LlvmValue.ConstInt(context.Emitter.Context.Int8Type, 0), length);
        }
    }

    /// <summary>Whether memory reached from <paramref name="pointer"/> holds float rather than double elements.</summary>
    private static bool HoldsSinglePrecision(LlvmValue pointer)
    {
        foreach (LlvmValue user in pointer.Users)
        {
            if (user.AsInstruction() is { } instruction && instruction.Opcode is LLVMOpcode.LLVMLoad or LLVMOpcode.LLVMStore)
            {
                LlvmType type = instruction.Opcode == LLVMOpcode.LLVMLoad ? instruction.Type : user.GetOperand(0).Type;
                return type.Kind == LLVMTypeKind.LLVMFloatTypeKind;
            }
        }
        return false;
    }
}
