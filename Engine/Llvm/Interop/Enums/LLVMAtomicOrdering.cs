namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMAtomicOrdering</c>, values as in llvm-c 22.</summary>
public enum LLVMAtomicOrdering
{
    LLVMAtomicOrderingNotAtomic = 0,
    LLVMAtomicOrderingUnordered = 1,
    LLVMAtomicOrderingMonotonic = 2,
    LLVMAtomicOrderingAcquire = 4,
    LLVMAtomicOrderingRelease = 5,
    LLVMAtomicOrderingAcquireRelease = 6,
    LLVMAtomicOrderingSequentiallyConsistent = 7,
}
