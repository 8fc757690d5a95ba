using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Analysis;

/// <summary>Questions about LLVM types that decide whether a value can carry a derivative.</summary>
public static class TypeFacts
{
    /// <summary>A floating-point scalar or a vector of them.</summary>
    public static bool IsFloatingPointValue(LlvmType type) =>
        type.IsFloatingPoint || (type.Kind == LLVMTypeKind.LLVMVectorTypeKind && type.ElementType.IsFloatingPoint);

    public static bool ContainsFloatingPoint(LlvmType type) => type.Kind switch
    {
        LLVMTypeKind.LLVMStructTypeKind => Enumerable.Range(0, type.StructElementCount).Any(i => ContainsFloatingPoint(type.GetStructElement(i))),
        LLVMTypeKind.LLVMArrayTypeKind or LLVMTypeKind.LLVMVectorTypeKind => ContainsFloatingPoint(type.ElementType),
        _ => type.IsFloatingPoint,
    };

    /// <summary>Pointers and integers: their shadows mirror the primal (addresses, copied bits).</summary>
    public static bool ContainsPointerOrInteger(LlvmType type) => type.Kind switch
    {
        LLVMTypeKind.LLVMStructTypeKind => Enumerable.Range(0, type.StructElementCount).Any(i => ContainsPointerOrInteger(type.GetStructElement(i))),
        LLVMTypeKind.LLVMArrayTypeKind or LLVMTypeKind.LLVMVectorTypeKind => ContainsPointerOrInteger(type.ElementType),
        _ => type.IsPointer || type.IsInteger,
    };

    public static bool ContainsPointer(LlvmType type) => type.Kind switch
    {
        LLVMTypeKind.LLVMStructTypeKind => Enumerable.Range(0, type.StructElementCount).Any(i => ContainsPointer(type.GetStructElement(i))),
        LLVMTypeKind.LLVMArrayTypeKind or LLVMTypeKind.LLVMVectorTypeKind => ContainsPointer(type.ElementType),
        _ => type.IsPointer,
    };

    /// <summary>Types a shadow value can have: everything first-class except void, labels, tokens, metadata.</summary>
    public static bool CanCarryShadow(LlvmType type) => type.Kind is not (LLVMTypeKind.LLVMVoidTypeKind
        or LLVMTypeKind.LLVMLabelTypeKind or LLVMTypeKind.LLVMTokenTypeKind or LLVMTypeKind.LLVMMetadataTypeKind
        or LLVMTypeKind.LLVMFunctionTypeKind);

    /// <summary>Values whose shadow is a derivative or an address (not merely mirrored integer bits).</summary>
    public static bool CarriesDerivative(LlvmType type) => ContainsFloatingPoint(type) || ContainsPointer(type);
}
