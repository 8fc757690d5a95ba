using Enzyme.Sdk.Tasks.Cuda;

namespace Enzyme.Cuda.Tests.Ptx;

public sealed class CudaLaunchStubWriterTests
{
    private const string Module = "global::Enzyme.Cuda.CudaModule module, global::Enzyme.Cuda.LaunchDimensions grid, global::Enzyme.Cuda.LaunchDimensions block";

    [Test]
    public void PositionalParametersBecomePnWithTypesByWidth()
    {
        var kernel = new PtxKernel("_Z5saxpyPfS_fi",
        [
            new PtxParameter("_Z5saxpyPfS_fi_param_0", "u64", 0, true, "global", 8),
            new PtxParameter("_Z5saxpyPfS_fi_param_1", "u64", 0, true, "", 1),
            new PtxParameter("_Z5saxpyPfS_fi_param_2", "f32", 0, false, "", 0),
            new PtxParameter("_Z5saxpyPfS_fi_param_3", "u32", 0, false, "", 0),
        ], 1);

        string code = CudaLaunchStubWriter.Write([kernel], "Demo.Gpu", "SaxpyKernels", "Demo.Gpu.saxpy.ptx", "saxpy.ptx");

        Assert.That(code, Does.Contain($"public static void _Z5saxpyPfS_fi({Module}, nint p0, nint p1, float p2, int p3, uint sharedMemoryBytes = 0)"));
        Assert.That(code, Does.Contain("module.GetKernel(\"_Z5saxpyPfS_fi\").Launch(grid, block, arguments, sharedMemoryBytes);"));
        Assert.That(code, Does.Contain("arguments.Add(p0);\n        arguments.Add(p1);\n        arguments.Add(p2);\n        arguments.Add(p3);".ReplaceLineEndings()));
        Assert.That(code, Does.Contain("namespace Demo.Gpu;"));
        Assert.That(code, Does.Contain("public static partial class SaxpyKernels"));
        Assert.That(code, Does.Contain("public const string PtxResourceName = \"Demo.Gpu.saxpy.ptx\";"));
        Assert.That(code, Does.Contain("CudaModule.FromResource(context, typeof(SaxpyKernels).Assembly, PtxResourceName)"));
        Assert.That(code, Does.Contain(".u64 .ptr .global .align 8 _Z5saxpyPfS_fi_param_0"));
    }

    [TestCase("f64", "double")]
    [TestCase("f32", "float")]
    [TestCase("s32", "int")]
    [TestCase("b32", "int")]
    [TestCase("u64", "nint")]
    [TestCase("s64", "nint")]
    [TestCase("u16", "short")]
    [TestCase("u8", "byte")]
    [TestCase("s8", "sbyte")]
    [TestCase("f16", "global::System.Half")]
    public void MapsPtxScalarTypes(string ptxType, string csharpType)
    {
        Assert.That(CudaLaunchStubWriter.ManagedTypeOf(new PtxParameter("x", ptxType, 0, false, "", 0)), Is.EqualTo(csharpType));
    }

    [Test]
    public void NamedParametersAreCleanedAndKeptApartFromTheStubsOwnNames()
    {
        var kernel = new PtxKernel("k$v2",
        [
            new PtxParameter("in$put", "u64", 0, true, "", 0),
            new PtxParameter("int", "u32", 0, false, "", 0),
            new PtxParameter("grid", "f64", 0, false, "", 0),
            new PtxParameter("9lives", "f32", 0, false, "", 0),
        ], 1);

        string code = CudaLaunchStubWriter.Write([kernel], "N", "K", "r", "k.ptx");

        Assert.That(code, Does.Contain($"public static void k_v2({Module}, nint in_put, int @int, double grid_2, float _9lives, uint sharedMemoryBytes = 0)"));
        Assert.That(code, Does.Contain("module.GetKernel(\"k$v2\")"));
    }

    [Test]
    public void StructParametersTakeCheckedBytes()
    {
        var kernel = new PtxKernel("affine", [new PtxParameter("affine_param_0", "b8", 16, false, "", 8)], 1);

        string code = CudaLaunchStubWriter.Write([kernel], "N", "K", "r", "k.ptx");

        Assert.That(code, Does.Contain($"public static void affine({Module}, global::System.ReadOnlySpan<byte> p0, uint sharedMemoryBytes = 0)"));
        Assert.That(code, Does.Contain("if (p0.Length != 16)"));
        Assert.That(code, Does.Contain("arguments.AddBytes(p0);"));
    }

    [Test]
    public void MethodNamesThatCollideGetSuffixes()
    {
        PtxKernel[] kernels =
        [
            new PtxKernel("a$b", [], 1),
            new PtxKernel("a%b", [], 2),
            new PtxKernel("K", [], 3),
            new PtxKernel("LoadModule", [], 4),
        ];

        string code = CudaLaunchStubWriter.Write(kernels, "N", "K", "r", "k.ptx");

        Assert.That(code, Does.Contain($"public static void a_b({Module}, uint"));
        Assert.That(code, Does.Contain($"public static void a_b_2({Module}, uint"));
        Assert.That(code, Does.Contain($"public static void K_2({Module}, uint"));
        Assert.That(code, Does.Contain($"public static void LoadModule_2({Module}, uint"));
    }
}
