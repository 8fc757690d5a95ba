namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMFastMathFlags</c> bits (an unsigned in C), values as in llvm-c 22.</summary>
[Flags]
public enum LLVMFastMathFlags : uint
{
    LLVMFastMathNone = 0,
    LLVMFastMathAllowReassoc = 1u << 0,
    LLVMFastMathNoNaNs = 1u << 1,
    LLVMFastMathNoInfs = 1u << 2,
    LLVMFastMathNoSignedZeros = 1u << 3,
    LLVMFastMathAllowReciprocal = 1u << 4,
    LLVMFastMathAllowContract = 1u << 5,
    LLVMFastMathApproxFunc = 1u << 6,
}
