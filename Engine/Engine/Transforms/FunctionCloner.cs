using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Copies a function body into another function. The C API has no CloneFunctionInto, so this
/// clones instruction by instruction (<c>LLVMInstructionClone</c> keeps flags, metadata and
/// call attributes), rebuilds phis, and then remaps every operand that refers to the source
/// function's arguments, blocks or instructions.
/// </summary>
public static unsafe class FunctionCloner
{
    /// <summary>
    /// Clones <paramref name="source"/>'s blocks into the empty <paramref name="target"/>.
    /// <paramref name="argumentMap"/> maps source arguments to target values. Returns the map
    /// from every source argument, block (as value) and instruction to its counterpart.
    /// </summary>
    public static Dictionary<LLVMValueRef, LLVMValueRef> CloneBody(
        LlvmContext context, LlvmFunction source, LlvmFunction target, IReadOnlyDictionary<LLVMValueRef, LLVMValueRef> argumentMap)
    {
        var map = new Dictionary<LLVMValueRef, LLVMValueRef>(argumentMap);
        if (LLVM.LLVMHasPersonalityFn(source.Handle) != 0)
        {
            // Landing pads are only valid in a function with a personality.
            LLVM.LLVMSetPersonalityFn(target.Handle, LLVM.LLVMGetPersonalityFn(source.Handle));
        }
        uint assignId = MetadataKind(context, "DIAssignID");
        var blocks = new List<(LlvmBasicBlock Source, LlvmBasicBlock Target)>();
        foreach (LlvmBasicBlock block in source.BasicBlocks)
        {
            LlvmBasicBlock copy = context.AppendBasicBlock(target, block.Name);
            map[block.AsValue.Handle] = copy.AsValue.Handle;
            blocks.Add((block, copy));
        }

        var clones = new List<LLVMValueRef>();
        var phis = new List<(LLVMValueRef Source, LLVMValueRef Target)>();
        using var builder = new LlvmBuilder(context);
        foreach ((LlvmBasicBlock sourceBlock, LlvmBasicBlock targetBlock) in blocks)
        {
            builder.PositionAtEnd(targetBlock);
            foreach (LlvmInstruction instruction in sourceBlock.Instructions)
            {
                string name = instruction.Type.IsVoid ? string.Empty : instruction.Value.Name;
                LLVMValueRef copy;
                if (!LLVM.LLVMIsAPHINode(instruction.Handle).IsNull)
                {
                    copy = builder.Phi(instruction.Type, name).Handle;
                    phis.Add((instruction.Handle, copy));
                }
                else
                {
                    copy = LLVM.LLVMInstructionClone(instruction.Handle);
                    // Assignment tracking links allocas to #dbg_assign records of the source
                    // function, which the clone does not get; a stale link fails verification.
                    LLVM.LLVMSetMetadata(copy, assignId, default);
                    fixed (byte* n = NativeUtf8.Encode(name))
                    {
                        LLVM.LLVMInsertIntoBuilderWithName(builder.Handle, copy, (sbyte*)n);
                    }
                    clones.Add(copy);
                }
                map[instruction.Handle] = copy;
            }
        }

        foreach (LLVMValueRef clone in clones)
        {
            int count = LLVM.LLVMGetNumOperands(clone);
            for (uint i = 0; i < count; i++)
            {
                LLVMValueRef operand = LLVM.LLVMGetOperand(clone, i);
                if (map.TryGetValue(operand, out LLVMValueRef replacement))
                {
                    LLVM.LLVMSetOperand(clone, i, replacement);
                }
            }
        }
        foreach ((LLVMValueRef sourcePhi, LLVMValueRef targetPhi) in phis)
        {
            uint incoming = LLVM.LLVMCountIncoming(sourcePhi);
            for (uint i = 0; i < incoming; i++)
            {
                LLVMValueRef value = LLVM.LLVMGetIncomingValue(sourcePhi, i);
                LLVMValueRef block = LLVM.LLVMBasicBlockAsValue(LLVM.LLVMGetIncomingBlock(sourcePhi, i));
                LLVMValueRef mappedValue = map.GetValueOrDefault(value, value);
                LLVMBasicBlockRef mappedBlock = LLVM.LLVMValueAsBasicBlock(map[block]);
                LLVM.LLVMAddIncoming(targetPhi, &mappedValue, &mappedBlock, 1);
            }
        }
        return map;
    }

    private static uint MetadataKind(LlvmContext context, string name)
    {
        byte[] bytes = NativeUtf8.Encode(name);
        fixed (byte* n = bytes)
        {
            return LLVM.LLVMGetMDKindIDInContext(context.Handle, (sbyte*)n, (uint)(bytes.Length - 1));
        }
    }
}
