namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// libclang's <c>CXString</c>: <c>{ const void *data; unsigned private_flags; }</c>. Read it with
/// <c>clang_getCString</c> and release it with <c>clang_disposeString</c>; the fields are private to libclang.
/// </summary>
public unsafe struct CXString
{
    public void* data;
    public uint private_flags;
}
