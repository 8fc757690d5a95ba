using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>
/// A non-owning view of a module's data layout as queries: sizes, alignments and field offsets of
/// types on the module's target. Owned by the module (<see cref="LlvmModule.TargetData"/>);
/// <see cref="LlvmModule.DataLayout"/> is the same layout as a string.
/// </summary>
public readonly record struct LlvmTargetData(LLVMTargetDataRef Handle)
{
    /// <summary>Bytes between consecutive elements of an array of <paramref name="type"/> (padding included).</summary>
    public ulong AbiSizeOf(LlvmType type) => LLVM.LLVMABISizeOfType(Handle, type.Handle);

    public uint AbiAlignmentOf(LlvmType type) => LLVM.LLVMABIAlignmentOfType(Handle, type.Handle);

    /// <summary>Byte offset of field <paramref name="element"/> in <paramref name="structType"/>.</summary>
    public ulong OffsetOfElement(LlvmType structType, int element) => LLVM.LLVMOffsetOfElement(Handle, structType.Handle, (uint)element);
}
