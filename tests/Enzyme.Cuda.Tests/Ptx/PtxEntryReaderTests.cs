using Enzyme.Cuda.Tests.Support;
using Enzyme.Sdk.Tasks.Cuda;

namespace Enzyme.Cuda.Tests.Ptx;

public sealed class PtxEntryReaderTests
{
    // Every scalar kind a kernel parameter can have, a struct by value, a C++ (mangled) kernel,
    // a template instance, and a device function that must not be taken for a kernel.
    private const string KernelsWithEveryParameterKind = """
        #define __global__ __attribute__((global))
        #define __device__ __attribute__((device))
        struct Pair { double first; double second; };
        __device__ __attribute__((noinline)) double twice(double v) { return 2 * v; }
        extern "C" __global__ void scalars(float* out, double d, float f, int i, unsigned u, long l, short s, char c)
        {
            out[__nvvm_read_ptx_sreg_tid_x()] = twice(d) + f + i + u + l + s + c;
        }
        __global__ void by_value(Pair p, double* out) { out[0] = p.first * p.second; }
        template <typename T> __global__ void scale(T* x, T a) { x[__nvvm_read_ptx_sreg_tid_x()] *= a; }
        template __global__ void scale<float>(float*, float);
        extern "C" __global__ void no_parameters() {}
        """;

    [Test]
    public void ReadsKernelsAndParameterTypesOfClangPtx()
    {
        string clang = CudaDeviceCompiler.RequireClang();
        using var directory = new TemporaryDirectory("reader");
        string ptx = CudaDeviceCompiler.CompileToPtx(clang, directory.Write("kernels.cu", KernelsWithEveryParameterKind), directory.File("kernels.ptx"));

        IReadOnlyList<PtxKernel> kernels = PtxEntryReader.Read(ptx);

        Assert.That(kernels.Select(k => k.Name), Is.EquivalentTo(new[] { "scalars", "_Z8by_value4PairPd", "_Z5scaleIfEvPT_S0_", "no_parameters" }));
        PtxKernel scalars = kernels.Single(k => k.Name == "scalars");
        Assert.That(scalars.Parameters.Select(p => p.Type), Is.EqualTo(new[] { "u64", "f64", "f32", "u32", "u32", "u64", "u16", "u8" }));
        Assert.That(scalars.Parameters.Select(p => p.Name), Is.EqualTo(Enumerable.Range(0, 8).Select(i => $"scalars_param_{i}")));
        Assert.That(scalars.Parameters[0].IsPointer, Is.True);
        Assert.That(scalars.Parameters.Skip(1).Any(p => p.IsPointer), Is.False);

        PtxKernel byValue = kernels.Single(k => k.Name == "_Z8by_value4PairPd");
        Assert.That(byValue.Parameters[0].Type, Is.EqualTo("b8"));
        Assert.That(byValue.Parameters[0].ArrayLength, Is.EqualTo(16));
        Assert.That(byValue.Parameters[0].SizeInBytes, Is.EqualTo(16));
        Assert.That(byValue.Parameters[0].Alignment, Is.EqualTo(8));
        Assert.That(byValue.Parameters[1].IsPointer, Is.True);

        Assert.That(kernels.Single(k => k.Name == "no_parameters").Parameters, Is.Empty);
        Assert.That(ptx, Does.Contain(".func"), "the device function should be in the PTX, so the reader is seen to skip it");
    }

    [Test]
    public void ReadsTheCheckedInSaxpyPtx()
    {
        IReadOnlyList<PtxKernel> kernels = PtxEntryReader.ReadFile(TestKernels.CheckedInSaxpyPtx);

        Assert.That(kernels.Select(k => k.Name), Is.EqualTo(new[] { "saxpy", "affine_f64" }));
        Assert.That(kernels[0].Parameters.Select(p => p.Type), Is.EqualTo(new[] { "u64", "u64", "f32", "u32" }));
        Assert.That(kernels[1].Parameters.Select(p => p.SizeInBytes), Is.EqualTo(new[] { 8, 8, 16, 4 }));
    }

    [Test]
    public void ReadsHandWrittenPtxWithAttributesCommentsAndDollarNames()
    {
        const string ptx = """
            .version 8.0
            .target sm_90
            .address_size 64
            .file 1 "/src/{weird} // path.cu"
            /* .entry commented_out(.param .u32 x) { } */
            .func (.param .b32 r) helper(.param .b32 a) { ret; }
            // .entry also_commented(
            .visible .entry k$1(
                .param .u64 .ptr .global .align 8 k$1_param_0,   // a device pointer
                .param .s32 count,
                .param .b64 raw
            )
            .maxntid 256, 1, 1
            .minnctapersm 2
            {
                .reg .b32 %r<2>;
                ret;
            }
            .entry plain
            {
                ret;
            }
            """;

        IReadOnlyList<PtxKernel> kernels = PtxEntryReader.Read(ptx);

        Assert.That(kernels.Select(k => k.Name), Is.EqualTo(new[] { "k$1", "plain" }));
        PtxParameter pointer = kernels[0].Parameters[0];
        Assert.That((pointer.Name, pointer.Type, pointer.IsPointer, pointer.StateSpace, pointer.Alignment),
            Is.EqualTo(("k$1_param_0", "u64", true, "global", 8)));
        Assert.That(kernels[0].Parameters.Select(p => (p.Name, p.Type)), Is.EqualTo(new[] { ("k$1_param_0", "u64"), ("count", "s32"), ("raw", "b64") }));
        Assert.That(kernels[0].Line, Is.EqualTo(8));
        Assert.That(kernels[1].Parameters, Is.Empty);
    }

    [TestCase(".entry k(.param .pred p) { ret; }", 1, "unsupported attribute '.pred'")]
    [TestCase(".entry k(\n.param .u32 a,\n.param .f32 b\n{ ret; }", 4, "expected ',' or ')'")]
    [TestCase(".entry k(.param .u32) { ret; }", 1, "not a PTX identifier")]
    [TestCase(".entry k(.param x) { ret; }", 1, "has no type")]
    [TestCase(".entry k(.param .b8 s[0]) { ret; }", 1, "positive length")]
    [TestCase(".entry k(.param .u32 a)\n", 1, "has no body")]
    [TestCase(".entry 9k() { ret; }", 1, "not a PTX identifier")]
    public void RejectsMalformedEntriesWithTheLine(string ptx, int line, string reason)
    {
        var exception = Assert.Throws<PtxFormatException>(() => PtxEntryReader.Read(ptx));
        Assert.That(exception!.Line, Is.EqualTo(line));
        Assert.That(exception.Reason, Does.Contain(reason));
    }

    [Test]
    public void SkipsEntryDeclarationsWithoutBody()
    {
        IReadOnlyList<PtxKernel> kernels = PtxEntryReader.Read(".extern .entry elsewhere(.param .u32 a);\n.entry here() { ret; }");

        Assert.That(kernels.Select(k => k.Name), Is.EqualTo(new[] { "here" }));
    }
}
