using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// The registry of instruction rules, keyed by opcode. The activity analysis and both modes
/// look an instruction's rule up here; an opcode without an entry is treated as unsupported
/// (an error on active values).
/// </summary>
public static class InstructionRules
{
    private static readonly InstructionRule Unsupported = new UnsupportedInstructionRule();

    private static readonly Dictionary<LLVMOpcode, InstructionRule> Rules = Build(
        new FloatAddRule(), new FloatNegateRule(), new FloatMultiplyRule(), new FloatDivideRule(), new FloatRemainderRule(),
        new FloatConversionRule(), new BitCastRule(), new FreezeRule(), new IntegerMirrorRule(), new AddressMirrorRule(),
        new SelectRule(), new PhiRule(), new ExtractValueRule(), new InsertValueRule(), new ExtractElementRule(),
        new InsertElementRule(), new ShuffleVectorRule(), new LoadRule(), new StoreRule(), new AtomicRmwRule(), new CompareExchangeRule(),
        new AllocaRule(), new CallInstructionRule(), new ReturnRule(), new NoDerivativeRule(), Unsupported);

    /// <summary>Every registered rule, once each.</summary>
    public static IEnumerable<InstructionRule> All => Rules.Values.Distinct();

    /// <summary>The rule for an instruction's opcode.</summary>
    public static InstructionRule For(LlvmInstruction instruction) => Rules.GetValueOrDefault(instruction.Opcode, Unsupported);

    private static Dictionary<LLVMOpcode, InstructionRule> Build(params InstructionRule[] rules)
    {
        var table = new Dictionary<LLVMOpcode, InstructionRule>();
        foreach (InstructionRule rule in rules)
        {
            foreach (LLVMOpcode opcode in rule.Opcodes)
            {
                // Add, not assign: an opcode declared twice is a bug in the table.
                table.Add(opcode, rule);
            }
        }
        return table;
    }
}
