using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Calls: what a call's derivative is depends on the callee, not the opcode. Library functions
/// have rules in <see cref="Calls.CallRules"/>; user functions, custom derivatives and split
/// calls are the modes' own machinery. Each mode's context dispatches.
/// </summary>
public sealed class CallInstructionRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMCall];

    public override int[] ShadowOperands(LlvmInstruction instruction) => None;

    public override bool IsLinear => false;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction) => context.VisitCall(instruction);

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction) => context.VisitCall(instruction);

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction) => context.InstrumentCall(instruction);

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction) => context.ReverseCall(instruction);
}
