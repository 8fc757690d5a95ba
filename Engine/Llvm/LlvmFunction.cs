using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of a function; converts implicitly to <see cref="LlvmValue"/>.</summary>
public readonly unsafe record struct LlvmFunction(LLVMValueRef Handle)
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

    /// <summary>The exception-handling personality (e.g. <c>__gxx_personality_v0</c>), or null when the function has none.</summary>
    public LlvmValue? PersonalityFunction
    {
        get => LLVM.LLVMHasPersonalityFn(Handle) != 0 ? new LlvmValue(LLVM.LLVMGetPersonalityFn(Handle)) : null;
        set => LLVM.LLVMSetPersonalityFn(Handle, value?.Handle ?? default);
    }

    // ---- Attributes ----

    /// <summary>Every attribute at <paramref name="index"/> (enum, integer, type and string ones).</summary>
    public LlvmAttribute[] GetAttributes(LlvmAttributeIndex index)
    {
        uint count = LLVM.LLVMGetAttributeCountAtIndex(Handle, index.Value);
        var attributes = new LLVMAttributeRef[count];
        fixed (LLVMAttributeRef* a = attributes)
        {
            if (count > 0)
            {
                LLVM.LLVMGetAttributesAtIndex(Handle, index.Value, a);
            }
        }
        return Array.ConvertAll(attributes, a => new LlvmAttribute(a));
    }

    public void AddAttribute(LlvmAttributeIndex index, LlvmAttribute attribute) =>
        LLVM.LLVMAddAttributeAtIndex(Handle, index.Value, attribute.Handle);

    /// <summary>The enum, integer or type attribute of kind <paramref name="kind"/> at <paramref name="index"/>, or null.</summary>
    public LlvmAttribute? GetEnumAttribute(LlvmAttributeIndex index, uint kind) =>
        LlvmAttribute.FromHandle(LLVM.LLVMGetEnumAttributeAtIndex(Handle, index.Value, kind));

    public void RemoveEnumAttribute(LlvmAttributeIndex index, uint kind) =>
        LLVM.LLVMRemoveEnumAttributeAtIndex(Handle, index.Value, kind);

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

    /// <summary>
    /// Runs a new-pass-manager function pipeline such as <c>sroa,simplifycfg</c> over this function
    /// only (no target machine, default options). A failure names <paramref name="operation"/>.
    /// </summary>
    public void RunPasses(string pipeline, string operation)
    {
        using var options = new LlvmPassBuilderOptions();
        fixed (byte* p = NativeUtf8.Encode(pipeline))
        {
            LlvmException.ThrowIfFailed(LLVM.LLVMRunPassesOnFunction(Handle, (sbyte*)p, default, options.Handle), operation);
        }
    }

    public override string ToString() => Value.PrintToString();
}
