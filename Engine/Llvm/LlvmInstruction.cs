using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of an instruction; converts implicitly to <see cref="LlvmValue"/>.</summary>
public readonly unsafe record struct LlvmInstruction(LLVMValueRef Handle)
{
    public static implicit operator LlvmValue(LlvmInstruction instruction) => new(instruction.Handle);

    public LlvmValue Value => new(Handle);
    public LLVMOpcode Opcode => LLVM.LLVMGetInstructionOpcode(Handle);
    public LlvmBasicBlock Parent => new(LLVM.LLVMGetInstructionParent(Handle));
    public LlvmFunction Function => Parent.Parent;
    public LlvmType Type => new(LLVM.LLVMTypeOf(Handle));

    public LlvmInstruction? Next
    {
        get
        {
            LLVMValueRef next = LLVM.LLVMGetNextInstruction(Handle);
            return next.IsNull ? null : new LlvmInstruction(next);
        }
    }

    public LlvmInstruction? Previous
    {
        get
        {
            LLVMValueRef previous = LLVM.LLVMGetPreviousInstruction(Handle);
            return previous.IsNull ? null : new LlvmInstruction(previous);
        }
    }

    public bool IsCall => Opcode == LLVMOpcode.LLVMCall;

    /// <summary>The callee operand of a call (possibly a cast or a loaded pointer).</summary>
    public LlvmValue CalledValue => new(LLVM.LLVMGetCalledValue(Handle));

    public LlvmType CalledFunctionType => new(LLVM.LLVMGetCalledFunctionType(Handle));

    /// <summary>Number of call arguments (operands without the callee and bundles).</summary>
    public int ArgumentCount => (int)LLVM.LLVMGetNumArgOperands(Handle);

    public LlvmValue GetArgument(int index) => new(LLVM.LLVMGetOperand(Handle, (uint)index));

    /// <summary>The source position from debug metadata, or null when the instruction has none.</summary>
    public DebugLocation? DebugLocation
    {
        get
        {
            uint line = LLVM.LLVMGetDebugLocLine(Handle);
            if (line == 0)
            {
                return null;
            }
            uint fileLength, directoryLength;
            string file = NativeUtf8.Read(LLVM.LLVMGetDebugLocFilename(Handle, &fileLength), fileLength);
            string directory = NativeUtf8.Read(LLVM.LLVMGetDebugLocDirectory(Handle, &directoryLength), directoryLength);
            return new DebugLocation(directory, file, line, LLVM.LLVMGetDebugLocColumn(Handle));
        }
    }

    public int SuccessorCount => (int)LLVM.LLVMGetNumSuccessors(Handle);
    public LlvmBasicBlock GetSuccessor(int index) => new(LLVM.LLVMGetSuccessor(Handle, (uint)index));

    public void EraseFromParent() => LLVM.LLVMInstructionEraseFromParent(Handle);

    public override string ToString() => Value.PrintToString();
}
