using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Copies a function body into another function. The C API has no CloneFunctionInto, so this
/// clones instruction by instruction (<see cref="LlvmInstruction.CloneDetached"/> keeps flags,
/// metadata and call attributes), rebuilds phis, and then remaps every operand that refers to the
/// source function's arguments, blocks or instructions.
/// </summary>
public static class FunctionCloner
{
    /// <summary>
    /// Clones <paramref name="source"/>'s blocks into the empty <paramref name="target"/>.
    /// <paramref name="argumentMap"/> maps source arguments to target values. Returns the map
    /// from every source argument, block (as value) and instruction to its counterpart.
    /// </summary>
    public static Dictionary<LlvmValue, LlvmValue> CloneBody(
        LlvmContext context, LlvmFunction source, LlvmFunction target, IReadOnlyDictionary<LlvmValue, LlvmValue> argumentMap)
    {
        var map = new Dictionary<LlvmValue, LlvmValue>(argumentMap);
        if (source.PersonalityFunction is { } personality)
        {
            // Landing pads are only valid in a function with a personality.
            target.PersonalityFunction = personality;
        }
        uint assignId = context.MetadataKindId("DIAssignID");
        var blocks = new List<(LlvmBasicBlock Source, LlvmBasicBlock Target)>();
        foreach (LlvmBasicBlock block in source.BasicBlocks)
        {
            LlvmBasicBlock copy = context.AppendBasicBlock(target, block.Name);
            map[block.AsValue] = copy.AsValue;
            blocks.Add((block, copy));
        }

        var clones = new List<LlvmValue>();
        var phis = new List<(LlvmInstruction Source, LlvmValue Target)>();
        using var builder = new LlvmBuilder(context);
        foreach ((LlvmBasicBlock sourceBlock, LlvmBasicBlock targetBlock) in blocks)
        {
            builder.PositionAtEnd(targetBlock);
            foreach (LlvmInstruction instruction in sourceBlock.Instructions)
            {
                string name = instruction.Type.IsVoid ? string.Empty : instruction.Value.Name;
                LlvmValue copy;
                if (instruction.Opcode == LLVMOpcode.LLVMPHI)
                {
                    copy = builder.Phi(instruction.Type, name);
                    phis.Add((instruction, copy));
                }
                else
                {
                    copy = instruction.CloneDetached();
                    // Assignment tracking links allocas to #dbg_assign records of the source
                    // function, which the clone does not get; a stale link fails verification.
                    copy.RemoveMetadata(assignId);
                    builder.Insert(copy, name);
                    clones.Add(copy);
                }
                map[instruction] = copy;
            }
        }

        foreach (LlvmValue clone in clones)
        {
            int count = clone.OperandCount;
            for (int i = 0; i < count; i++)
            {
                if (map.TryGetValue(clone.GetOperand(i), out LlvmValue replacement))
                {
                    clone.SetOperand(i, replacement);
                }
            }
        }
        foreach ((LlvmInstruction sourcePhi, LlvmValue targetPhi) in phis)
        {
            foreach ((LlvmValue value, LlvmBasicBlock block) in sourcePhi.Incoming)
            {
                LlvmValue mappedValue = map.GetValueOrDefault(value, value);
                LlvmBasicBlock mappedBlock = map[block.AsValue].AsBasicBlock()!.Value;
                LlvmBuilder.AddIncoming(targetPhi, mappedValue, mappedBlock);
            }
        }
        return map;
    }
}
