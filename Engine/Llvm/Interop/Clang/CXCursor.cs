namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// libclang's <c>CXCursor</c>, passed by value: <c>{ enum CXCursorKind kind; int xdata; const void *data[3]; }</c>.
/// The <c>data</c> array is spelled as three fields so the struct stays blittable without a fixed buffer.
/// </summary>
public unsafe struct CXCursor
{
    public CXCursorKind kind;
    public int xdata;
    public void* data0;
    public void* data1;
    public void* data2;
}
