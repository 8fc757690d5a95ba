using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of any LLVM value (constant, argument, global, instruction, ...).</summary>
public readonly unsafe record struct LlvmValue(LLVMValueRef Handle)
{
    public bool IsNull => Handle.IsNull;

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

    public string PrintToString() => NativeUtf8.TakeMessage(LLVM.LLVMPrintValueToString(Handle));

    public override string ToString() => PrintToString();
}
