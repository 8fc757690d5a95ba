using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of any LLVM value (constant, argument, global, instruction, ...).</summary>
public readonly unsafe record struct LlvmValue(LLVMValueRef Handle)
{
    public bool IsNull => Handle.IsNull;

    /// <summary>The text of a <c>metadata !"…"</c> operand (an MDString wrapped as a value), or null.</summary>
    public string? MetadataString
    {
        get
        {
            if (LLVM.LLVMIsAMDString(Handle).IsNull)
            {
                return null;
            }
            uint length;
            sbyte* text = LLVM.LLVMGetMDString(Handle, &length);
            return text == null ? null : new string(text, 0, (int)length, System.Text.Encoding.UTF8);
        }
    }

    /// <summary>The constant <c>ptr null</c> (not a null handle: see <see cref="IsNull"/>).</summary>
    public bool IsNullPointerConstant => !LLVM.LLVMIsAConstantPointerNull(Handle).IsNull;

    public string Name
    {
        get
        {
            nuint length;
            sbyte* text = LLVM.LLVMGetValueName2(Handle, &length);
            return NativeUtf8.Read(text, length);
        }
        set
        {
            byte[] bytes = NativeUtf8.Encode(value);
            fixed (byte* n = bytes)
            {
                LLVM.LLVMSetValueName2(Handle, (sbyte*)n, (nuint)(bytes.Length - 1));
            }
        }
    }

    public LlvmType Type => new(LLVM.LLVMTypeOf(Handle));
    public LLVMValueKind Kind => LLVM.LLVMGetValueKind(Handle);
    public bool IsConstant => LLVM.LLVMIsConstant(Handle) != 0;
    public bool IsInstruction => !LLVM.LLVMIsAInstruction(Handle).IsNull;
    public bool IsFunction => !LLVM.LLVMIsAFunction(Handle).IsNull;
    public bool IsGlobalVariable => !LLVM.LLVMIsAGlobalVariable(Handle).IsNull;
    public bool IsArgument => !LLVM.LLVMIsAArgument(Handle).IsNull;
    public bool IsConstantExpression => !LLVM.LLVMIsAConstantExpr(Handle).IsNull;
    public bool IsGlobalAlias => !LLVM.LLVMIsAGlobalAlias(Handle).IsNull;
    public bool IsInlineAssembly => !LLVM.LLVMIsAInlineAsm(Handle).IsNull;
    public bool IsBasicBlock => LLVM.LLVMValueIsBasicBlock(Handle) != 0;

    /// <summary>True for <c>undef</c> and for <c>poison</c> (a kind of undef in LLVM's class tree).</summary>
    public bool IsUndefined => !LLVM.LLVMIsAUndefValue(Handle).IsNull;

    /// <summary>True for constant arrays and vectors of plain numbers, e.g. a C string's <c>c"..."</c>.</summary>
    public bool IsConstantDataSequential => !LLVM.LLVMIsAConstantDataSequential(Handle).IsNull;

    public int OperandCount => LLVM.LLVMGetNumOperands(Handle);
    public LlvmValue GetOperand(int index) => new(LLVM.LLVMGetOperand(Handle, (uint)index));
    public void SetOperand(int index, LlvmValue value) => LLVM.LLVMSetOperand(Handle, (uint)index, value.Handle);

    /// <summary>The instructions and constants that use this value.</summary>
    public IEnumerable<LlvmValue> Users
    {
        get
        {
            for (LLVMUseRef use = LLVM.LLVMGetFirstUse(Handle); !use.IsNull; use = LLVM.LLVMGetNextUse(use))
            {
                yield return new LlvmValue(LLVM.LLVMGetUser(use));
            }
        }
    }

    public void ReplaceAllUsesWith(LlvmValue replacement) => LLVM.LLVMReplaceAllUsesWith(Handle, replacement.Handle);

    /// <summary>This value as an instruction, or null when it is not one.</summary>
    public LlvmInstruction? AsInstruction() => IsInstruction ? new LlvmInstruction(Handle) : null;

    /// <summary>This value as a function, or null when it is not one.</summary>
    public LlvmFunction? AsFunction() => IsFunction ? new LlvmFunction(Handle) : null;

    /// <summary>This value as a global variable, or null when it is not one.</summary>
    public LlvmGlobalVariable? AsGlobalVariable() => IsGlobalVariable ? new LlvmGlobalVariable(Handle) : null;

    /// <summary>This value as a basic block (a branch's target operand, a block's value), or null when it is not one.</summary>
    public LlvmBasicBlock? AsBasicBlock() => IsBasicBlock ? new LlvmBasicBlock(LLVM.LLVMValueAsBasicBlock(Handle)) : null;

    /// <summary>What a global alias stands for (possibly a constant expression over a global).</summary>
    public LlvmValue AliasTarget => new(LLVM.LLVMAliasGetAliasee(Handle));

    /// <summary>The opcode of a constant expression (<c>getelementptr</c>, <c>bitcast</c>, ...).</summary>
    public LLVMOpcode ConstantOpcode => LLVM.LLVMGetConstOpcode(Handle);

    /// <summary>The type a GEP indexes into, of a GEP instruction or a GEP constant expression.</summary>
    public LlvmType GepSourceElementType => new(LLVM.LLVMGetGEPSourceElementType(Handle));

    /// <summary>Element <paramref name="index"/> of a constant aggregate, or null when LLVM cannot give it.</summary>
    public LlvmValue? GetAggregateElement(int index)
    {
        LLVMValueRef element = LLVM.LLVMGetAggregateElement(Handle, (uint)index);
        return element.IsNull ? null : new LlvmValue(element);
    }

    /// <summary>The raw contents of a constant data array or vector as text (a C string keeps its NUL), or null for other values.</summary>
    public string? ConstantDataString
    {
        get
        {
            if (!IsConstantDataSequential)
            {
                return null;
            }
            nuint length;
            sbyte* text = LLVM.LLVMGetAsString(Handle, &length);
            return NativeUtf8.Read(text, length);
        }
    }

    /// <summary>Alignment in bytes of a global, alloca, load, store or atomic access; 0 when none is stated.</summary>
    public uint Alignment
    {
        get => LLVM.LLVMGetAlignment(Handle);
        set => LLVM.LLVMSetAlignment(Handle, value);
    }

    /// <summary>Sets the access's alignment when one is given (0 leaves LLVM's default) and returns the access.</summary>
    public LlvmValue WithAlignment(uint alignment)
    {
        if (alignment > 0)
        {
            Alignment = alignment;
        }
        return this;
    }

    /// <summary>Makes a load or store atomic with <paramref name="ordering"/> (it must be aligned to its size); returns it.</summary>
    public LlvmValue WithOrdering(LLVMAtomicOrdering ordering)
    {
        LLVM.LLVMSetOrdering(Handle, ordering);
        return this;
    }

    /// <summary>The fast-math flags of a floating-point operation (<c>reassoc</c>, <c>nsz</c>, <c>contract</c>, ...).</summary>
    public LLVMFastMathFlags FastMathFlags
    {
        get => (LLVMFastMathFlags)LLVM.LLVMGetFastMathFlags(Handle);
        set => LLVM.LLVMSetFastMathFlags(Handle, (uint)value);
    }

    /// <summary>
    /// Gives this instruction the debug location of <paramref name="source"/>, e.g. the call that
    /// replaces a request, so that errors and profiles point at the request's source line.
    /// </summary>
    public void CopyDebugLocationFrom(LlvmInstruction source) =>
        LLVM.LLVMInstructionSetDebugLoc(Handle, LLVM.LLVMInstructionGetDebugLoc(source.Handle));

    /// <summary>Removes this instruction's metadata of kind <paramref name="kind"/> (see <see cref="LlvmContext.MetadataKindId"/>).</summary>
    public void RemoveMetadata(uint kind) => LLVM.LLVMSetMetadata(Handle, kind, default);

    /// <summary>The integer value of a <c>ConstantInt</c>, or null.</summary>
    public long? ConstantIntValue => LLVM.LLVMIsAConstantInt(Handle).IsNull ? null : LLVM.LLVMConstIntGetSExtValue(Handle);

    /// <summary>The value of a <c>ConstantFP</c> (converted to double), or null.</summary>
    public double? ConstantRealValue
    {
        get
        {
            if (LLVM.LLVMIsAConstantFP(Handle).IsNull)
            {
                return null;
            }
            int losesInfo;
            return LLVM.LLVMConstRealGetDouble(Handle, &losesInfo);
        }
    }

    public static LlvmValue ConstInt(LlvmType type, long value) => new(LLVM.LLVMConstInt(type.Handle, unchecked((ulong)value), 1));
    public static LlvmValue ConstReal(LlvmType type, double value) => new(LLVM.LLVMConstReal(type.Handle, value));
    public static LlvmValue ConstNull(LlvmType type) => new(LLVM.LLVMConstNull(type.Handle));
    public static LlvmValue Undef(LlvmType type) => new(LLVM.LLVMGetUndef(type.Handle));
    public static LlvmValue Poison(LlvmType type) => new(LLVM.LLVMGetPoison(type.Handle));

    /// <summary>A constant vector of <paramref name="elements"/> (constants of one scalar type).</summary>
    public static LlvmValue ConstVector(ReadOnlySpan<LlvmValue> elements)
    {
        LLVMValueRef[] refs = ToRefs(elements);
        fixed (LLVMValueRef* e = refs)
        {
            return new LlvmValue(LLVM.LLVMConstVector(e, (uint)refs.Length));
        }
    }

    internal static LLVMValueRef[] ToRefs(ReadOnlySpan<LlvmValue> values)
    {
        var refs = new LLVMValueRef[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            refs[i] = values[i].Handle;
        }
        return refs;
    }

    public string PrintToString() => NativeUtf8.TakeMessage(LLVM.LLVMPrintValueToString(Handle));

    public override string ToString() => PrintToString();
}
