using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of a function; converts implicitly to <see cref="LlvmValue"/>.</summary>
public readonly record struct LlvmFunction(LLVMValueRef Handle)
{
    public static implicit operator LlvmValue(LlvmFunction function) => new(function.Handle);

    public LlvmValue Value => new(Handle);
    public string Name => Value.Name;
    public bool IsDeclaration => LLVM.LLVMIsDeclaration(Handle) != 0;

    /// <summary>The function's own type (not the pointer type of the function value).</summary>
    public LlvmType FunctionType => new(LLVM.LLVMGlobalGetValueType(Handle));
    public LlvmType ReturnType => FunctionType.ReturnType;

    public LLVMLinkage Linkage
    {
        get => LLVM.LLVMGetLinkage(Handle);
        set => LLVM.LLVMSetLinkage(Handle, value);
    }

    public int ParameterCount => (int)LLVM.LLVMCountParams(Handle);
    public LlvmValue GetParameter(int index) => new(LLVM.LLVMGetParam(Handle, (uint)index));

    public IEnumerable<LlvmValue> Parameters
    {
        get
        {
            int count = ParameterCount;
            for (int i = 0; i < count; i++)
            {
                yield return GetParameter(i);
            }
        }
    }

    public uint IntrinsicId => LLVM.LLVMGetIntrinsicID(Handle);

    public LlvmBasicBlock EntryBlock => new(LLVM.LLVMGetEntryBasicBlock(Handle));

    public IEnumerable<LlvmBasicBlock> BasicBlocks
    {
        get
        {
            for (LLVMBasicBlockRef b = LLVM.LLVMGetFirstBasicBlock(Handle); !b.IsNull; b = LLVM.LLVMGetNextBasicBlock(b))
            {
                yield return new LlvmBasicBlock(b);
            }
        }
    }

    /// <summary>Every instruction of every block, in layout order.</summary>
    public IEnumerable<LlvmInstruction> Instructions => BasicBlocks.SelectMany(b => b.Instructions);

    /// <summary>True when the IR verifier accepts this function.</summary>
    public bool IsValid => LLVM.LLVMVerifyFunction(Handle, LLVMVerifierFailureAction.LLVMReturnStatusAction) == 0;

    public void Delete() => LLVM.LLVMDeleteFunction(Handle);

    public override string ToString() => Value.PrintToString();
}
