using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>ret v</c>.
/// Tangent: forward mode returns <c>v</c>, <c>v̇</c> or both, rewritten once every block is done.
/// Adjoint: the reverse sweep starts from the seed of <c>v̄</c>, which the sweep itself places.
/// Activity: a returned pointer whose shadow the caller wants needs shadow memory.
/// </summary>
public sealed class ReturnRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMRet];

    public override int[] ShadowOperands(LlvmInstruction instruction) => None;

    public override bool IsLinear => false;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.ReturnNeedsShadow && value.OperandCount > 0 && value.GetOperand(0).Type.IsPointer && !context.IsShadowed(value.GetOperand(0)))
        {
            context.RequireShadowMemory(value.GetOperand(0), instruction, reportConstant: true);
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction) => context.CollectReturn(instruction);

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
    }
}
