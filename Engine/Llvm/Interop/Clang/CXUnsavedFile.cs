using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// libclang's <c>struct CXUnsavedFile</c>: a file whose contents come from memory instead of disk.
/// <c>Length</c> is a C <c>unsigned long</c>, which is 32 bits on Windows and 64 bits on LP64 systems,
/// hence <see cref="CULong"/> rather than a fixed-width integer.
/// </summary>
public unsafe struct CXUnsavedFile
{
    public sbyte* Filename;
    public sbyte* Contents;
    public CULong Length;
}
