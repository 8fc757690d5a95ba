namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMAtomicRMWBinOp</c>, values as in llvm-c 22.</summary>
public enum LLVMAtomicRMWBinOp
{
    LLVMAtomicRMWBinOpXchg = 0,
    LLVMAtomicRMWBinOpAdd = 1,
    LLVMAtomicRMWBinOpSub = 2,
    LLVMAtomicRMWBinOpAnd = 3,
    LLVMAtomicRMWBinOpNand = 4,
    LLVMAtomicRMWBinOpOr = 5,
    LLVMAtomicRMWBinOpXor = 6,
    LLVMAtomicRMWBinOpMax = 7,
    LLVMAtomicRMWBinOpMin = 8,
    LLVMAtomicRMWBinOpUMax = 9,
    LLVMAtomicRMWBinOpUMin = 10,
    LLVMAtomicRMWBinOpFAdd = 11,
    LLVMAtomicRMWBinOpFSub = 12,
    LLVMAtomicRMWBinOpFMax = 13,
    LLVMAtomicRMWBinOpFMin = 14,
    LLVMAtomicRMWBinOpUIncWrap = 15,
    LLVMAtomicRMWBinOpUDecWrap = 16,
    LLVMAtomicRMWBinOpUSubCond = 17,
    LLVMAtomicRMWBinOpUSubSat = 18,
    LLVMAtomicRMWBinOpFMaximum = 19,
    LLVMAtomicRMWBinOpFMinimum = 20,
}
