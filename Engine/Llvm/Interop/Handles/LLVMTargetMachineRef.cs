namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMTargetMachineRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMTargetMachineRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
