using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Instructions neither mode differentiates yet (va_arg, invoke, landingpad, callbr,
/// and any opcode without a rule): fine on inactive values, an ENZ error on active ones —
/// never a silently dropped derivative.
/// </summary>
public sealed class UnsupportedInstructionRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } =
    [
        LLVMOpcode.LLVMVAArg, LLVMOpcode.LLVMInvoke, LLVMOpcode.LLVMLandingPad, LLVMOpcode.LLVMCallBr,
    ];

    public override int[] ShadowOperands(LlvmInstruction instruction) => None;

    public override bool IsLinear => false;

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.IsShadowed(value) || Enumerable.Range(0, value.OperandCount).Any(i => HasDerivative(context, value.GetOperand(i))))
        {
            throw context.Unsupported(instruction);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction) => RejectWhenActive(context, instruction);

    internal static void RejectWhenActive(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.IsActive(value) || Enumerable.Range(0, value.OperandCount).Any(i => context.IsActive(value.GetOperand(i))))
        {
            string opcode = instruction.Opcode.ToString().Replace("LLVM", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            throw context.Unsupported(instruction, $"a '{opcode}' instruction on active values");
        }
    }

    private static bool HasDerivative(ITangentContext context, LlvmValue value) =>
        context.HasShadow(value) && Analysis.TypeFacts.CarriesDerivative(value.Type);
}
