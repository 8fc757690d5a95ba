namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>enum CX_StorageClass</c> (clang-c/Index.h, LLVM 22).</summary>
public enum CX_StorageClass
{
    CX_SC_Invalid = 0,
    CX_SC_None = 1,
    CX_SC_Extern = 2,
    CX_SC_Static = 3,
    CX_SC_PrivateExtern = 4,
    CX_SC_OpenCLWorkGroupLocal = 5,
    CX_SC_Auto = 6,
    CX_SC_Register = 7,
}
