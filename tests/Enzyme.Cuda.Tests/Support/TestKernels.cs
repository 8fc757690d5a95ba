namespace Enzyme.Cuda.Tests.Support;

/// <summary>
/// The PTX of Kernels/saxpy.cu: compiled now when clang++ is here, else the checked-in
/// saxpy_sm80.ptx (a GPU machine may have the driver but no LLVM).
/// </summary>
public static class TestKernels
{
    public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "Kernels");

    public static string SaxpySource => Path.Combine(Folder, "saxpy.cu");

    public static string CheckedInSaxpyPtx => Path.Combine(Folder, "saxpy_sm80.ptx");

    /// <summary>The PTX text and where it came from, for messages.</summary>
    public static (string Ptx, string Origin) SaxpyPtx(TemporaryDirectory directory)
    {
        if (CudaDeviceCompiler.TryFind(out string clang))
        {
            return (CudaDeviceCompiler.CompileToPtx(clang, SaxpySource, directory.File("saxpy.ptx")), $"compiled now by {clang}");
        }
        return (File.ReadAllText(CheckedInSaxpyPtx), CheckedInSaxpyPtx);
    }
}
