namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// libclang's <c>CXSourceLocation</c>: <c>{ const void *ptr_data[2]; unsigned int_data; }</c>.
/// Decompose it with <c>clang_getSpellingLocation</c>; the fields are private to libclang.
/// </summary>
public unsafe struct CXSourceLocation
{
    public void* ptr_data0;
    public void* ptr_data1;
    public uint int_data;
}
