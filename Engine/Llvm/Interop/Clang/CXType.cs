namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// libclang's <c>CXType</c>, passed by value: <c>{ enum CXTypeKind kind; void *data[2]; }</c>.
/// The <c>data</c> array is spelled as two fields so the struct stays blittable without a fixed buffer.
/// </summary>
public unsafe struct CXType
{
    public CXTypeKind kind;
    public void* data0;
    public void* data1;
}
