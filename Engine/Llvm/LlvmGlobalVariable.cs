using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of a global variable; converts implicitly to <see cref="LlvmValue"/>.</summary>
public readonly record struct LlvmGlobalVariable(LLVMValueRef Handle)
{
    public static implicit operator LlvmValue(LlvmGlobalVariable global) => new(global.Handle);

    public LlvmValue Value => new(Handle);
    public string Name => Value.Name;

    /// <summary>The type of the memory the global holds (its value is a pointer to it).</summary>
    public LlvmType ValueType => new(LLVM.LLVMGlobalGetValueType(Handle));

    /// <summary>The initial contents; null for a declaration (defined in another module).</summary>
    public LlvmValue? Initializer
    {
        get
        {
            LLVMValueRef initializer = LLVM.LLVMGetInitializer(Handle);
            return initializer.IsNull ? null : new LlvmValue(initializer);
        }
        set => LLVM.LLVMSetInitializer(Handle, value?.Handle ?? default);
    }

    /// <summary>True for a <c>constant</c> global, which the program never writes.</summary>
    public bool IsConstant => LLVM.LLVMIsGlobalConstant(Handle) != 0;

    /// <summary>One copy per thread (<c>thread_local</c>).</summary>
    public bool IsThreadLocal
    {
        get => LLVM.LLVMIsThreadLocal(Handle) != 0;
        set => LLVM.LLVMSetThreadLocal(Handle, value ? 1 : 0);
    }

    public LLVMLinkage Linkage
    {
        get => LLVM.LLVMGetLinkage(Handle);
        set => LLVM.LLVMSetLinkage(Handle, value);
    }

    /// <summary>Alignment in bytes; 0 when the global states none.</summary>
    public uint Alignment
    {
        get => LLVM.LLVMGetAlignment(Handle);
        set => LLVM.LLVMSetAlignment(Handle, value);
    }

    public override string ToString() => Value.PrintToString();
}
