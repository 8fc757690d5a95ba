using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of a basic block.</summary>
public readonly record struct LlvmBasicBlock(LLVMBasicBlockRef Handle)
{
    public bool IsNull => Handle.IsNull;
    public unsafe string Name => NativeUtf8.Read(LLVM.LLVMGetBasicBlockName(Handle));
    public LlvmFunction Parent => new(LLVM.LLVMGetBasicBlockParent(Handle));
    public LlvmValue AsValue => new(LLVM.LLVMBasicBlockAsValue(Handle));

    /// <summary>The terminator, or null while the block is still being built.</summary>
    public LlvmInstruction? Terminator
    {
        get
        {
            LLVMValueRef terminator = LLVM.LLVMGetBasicBlockTerminator(Handle);
            return terminator.IsNull ? null : new LlvmInstruction(terminator);
        }
    }

    public IEnumerable<LlvmInstruction> Instructions
    {
        get
        {
            for (LLVMValueRef i = LLVM.LLVMGetFirstInstruction(Handle); !i.IsNull; i = LLVM.LLVMGetNextInstruction(i))
            {
                yield return new LlvmInstruction(i);
            }
        }
    }

    public IEnumerable<LlvmBasicBlock> Successors
    {
        get
        {
            LlvmInstruction? terminator = Terminator;
            int count = terminator?.SuccessorCount ?? 0;
            for (int i = 0; i < count; i++)
            {
                yield return terminator!.Value.GetSuccessor(i);
            }
        }
    }
}
