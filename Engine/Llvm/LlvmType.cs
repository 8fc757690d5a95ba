using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of an LLVM type.</summary>
public readonly unsafe record struct LlvmType(LLVMTypeRef Handle)
{
    public LLVMTypeKind Kind => LLVM.LLVMGetTypeKind(Handle);

    public bool IsVoid => Kind == LLVMTypeKind.LLVMVoidTypeKind;
    public bool IsInteger => Kind == LLVMTypeKind.LLVMIntegerTypeKind;
    public bool IsPointer => Kind == LLVMTypeKind.LLVMPointerTypeKind;

    /// <summary>half, bfloat, float, double, x86_fp80, fp128 or ppc_fp128.</summary>
    public bool IsFloatingPoint => Kind is LLVMTypeKind.LLVMHalfTypeKind or LLVMTypeKind.LLVMBFloatTypeKind
        or LLVMTypeKind.LLVMFloatTypeKind or LLVMTypeKind.LLVMDoubleTypeKind or LLVMTypeKind.LLVMX86_FP80TypeKind
        or LLVMTypeKind.LLVMFP128TypeKind or LLVMTypeKind.LLVMPPC_FP128TypeKind;

    public uint IntegerWidth => LLVM.LLVMGetIntTypeWidth(Handle);

    /// <summary>
    /// This type's allocation size as an <c>i64</c> constant expression, which LLVM folds to a number
    /// once the module's data layout applies (for <c>malloc</c> sizes that need no data layout here).
    /// </summary>
    public LlvmValue SizeOf => new(LLVM.LLVMSizeOf(Handle));

    // ---- Function types ----
    public LlvmType ReturnType => new(LLVM.LLVMGetReturnType(Handle));
    public bool IsVarArg => LLVM.LLVMIsFunctionVarArg(Handle) != 0;

    public LlvmType[] ParameterTypes
    {
        get
        {
            var refs = new LLVMTypeRef[LLVM.LLVMCountParamTypes(Handle)];
            fixed (LLVMTypeRef* p = refs)
            {
                LLVM.LLVMGetParamTypes(Handle, p);
            }
            return System.Array.ConvertAll(refs, r => new LlvmType(r));
        }
    }

    // ---- Aggregates and vectors ----
    public int StructElementCount => (int)LLVM.LLVMCountStructElementTypes(Handle);
    public LlvmType GetStructElement(int index) => new(LLVM.LLVMStructGetTypeAtIndex(Handle, (uint)index));
    /// <summary>A struct declared without a body (<c>%T = type opaque</c>): its members are unknown.</summary>
    public bool IsOpaqueStruct => LLVM.LLVMIsOpaqueStruct(Handle) != 0;
    public ulong ArrayLength => LLVM.LLVMGetArrayLength2(Handle);
    public uint VectorSize => LLVM.LLVMGetVectorSize(Handle);

    /// <summary>Element type of an array or vector.</summary>
    public LlvmType ElementType => new(LLVM.LLVMGetElementType(Handle));

    public static LlvmType Function(LlvmType returnType, ReadOnlySpan<LlvmType> parameters, bool isVarArg = false)
    {
        LLVMTypeRef[] refs = ToRefs(parameters);
        fixed (LLVMTypeRef* p = refs)
        {
            return new LlvmType(LLVM.LLVMFunctionType(returnType.Handle, p, (uint)refs.Length, isVarArg ? 1 : 0));
        }
    }

    public static LlvmType Array(LlvmType element, ulong count) => new(LLVM.LLVMArrayType2(element.Handle, count));
    public static LlvmType Vector(LlvmType element, uint count) => new(LLVM.LLVMVectorType(element.Handle, count));

    internal static LLVMTypeRef[] ToRefs(ReadOnlySpan<LlvmType> types)
    {
        var refs = new LLVMTypeRef[types.Length];
        for (int i = 0; i < types.Length; i++)
        {
            refs[i] = types[i].Handle;
        }
        return refs;
    }

    public override string ToString() => NativeUtf8.TakeMessage(LLVM.LLVMPrintTypeToString(Handle));
}
