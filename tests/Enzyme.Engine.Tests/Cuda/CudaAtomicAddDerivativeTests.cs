using System.Text.RegularExpressions;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Cuda;

/// <summary>
/// A CUDA reduction <c>atomicAdd(out, x[i]² / 2)</c> (enzyme_cuda.h's atomicAdd is <c>atomicrmw fadd</c>),
/// differentiated to PTX for sm_80 as Enzyme.Sdk compiles <c>.cu</c> sources without the CUDA SDK. The
/// gradient reads the shadow of <c>out</c> (every thread's adjoint of its summand, never reset: the sum
/// leaves d out as it was) and adds <c>dout · x[i]</c> into <c>dx[i]</c> atomically; the tangent adds the
/// summands' tangents into <c>dout</c> with a second atomic add. Using the old value atomicAdd returns is
/// refused on the GPU (ENZ2011): its derivative depends on the order in which the threads ran.
/// </summary>
[TestFixture]
public sealed class CudaAtomicAddDerivativeTests
{
    private const string Kernels = """
        __device__ void sum_squares(int n, const double *x, double *out)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) atomicAdd(out, x[i] * x[i] * 0.5);
        }
        extern "C" __global__ void sum_squares_gradient(int n, const double *x, double *dx, double *out, double *dout)
        {
            __enzyme_autodiff((void *)sum_squares, enzyme_const, n, enzyme_dup, x, dx, enzyme_dup, out, dout);
        }
        extern "C" __global__ void sum_squares_tangent(int n, const double *x, const double *dx, double *out, double *dout)
        {
            __enzyme_fwddiff((void *)sum_squares, enzyme_const, n, enzyme_dup, x, dx, enzyme_dup, out, dout);
        }

        """;

    private const string OldValueUsed = """
        __device__ void scaled_by_old(int n, const double *x, double *out, double *y)
        {
            int i = blockIdx.x * blockDim.x + threadIdx.x;
            if (i < n) y[i] = atomicAdd(out, x[i]) * x[i];
        }
        extern "C" __global__ void scaled_by_old_gradient(int n, const double *x, double *dx, double *out, double *dout, double *y, double *dy)
        {
            __enzyme_autodiff((void *)scaled_by_old, enzyme_const, n, enzyme_dup, x, dx, enzyme_dup, out, dout, enzyme_dup, y, dy);
        }

        """;

    private TemporaryDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    [Test]
    public void AtomicAddReduction_GradientReadsTheShadowOfOutAndAddsAtomically()
    {
        string ptx = DifferentiateToPtx(Kernels);
        string gradient = EntryBody(ptx, "sum_squares_gradient");
        string doutRegister = GlobalAddressOfParameter(gradient, "sum_squares_gradient_param_4");
        string dxRegister = GlobalAddressOfParameter(gradient, "sum_squares_gradient_param_2");

        Assert.That(Regex.IsMatch(gradient, $@"ld\.(relaxed\.\w+\.)?global\.(b|f)64\s+%rd\d+, \[{Regex.Escape(doutRegister)}\]"), Is.True,
            "the adjoint of the summand is the shadow of out, read once\n" + gradient);
        Assert.That(Regex.IsMatch(gradient, $@"(st|atom|red)\.[\w.]*\[{Regex.Escape(doutRegister)}\]"), Is.False,
            "the shadow of out is not changed: a sum leaves its derivative as it was\n" + gradient);
        Assert.That(Regex.Matches(gradient, @"(atom|red)\.global\.add\.f64").Count, Is.EqualTo(2),
            "the primal's atomicAdd and the adjoint of x[i] added into dx[i] atomically\n" + gradient);
        Assert.That(gradient, Does.Contain("add.s64").And.Contain(dxRegister), "dx[i] is addressed from dx");

        string tangent = EntryBody(ptx, "sum_squares_tangent");
        Assert.That(Regex.Matches(tangent, @"(atom|red)\.global\.add\.f64").Count, Is.EqualTo(2),
            "the tangent of the summand is added into dout with an atomic add of its own\n" + tangent);
    }

    [Test]
    public void AtomicAddWhoseOldValueIsUsed_IsRefusedOnTheGpu_ENZ2011()
    {
        EnzymeException error = Assert.Throws<EnzymeException>(() => DifferentiateToPtx(OldValueUsed))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCodes.AtomicNotDifferentiable));
        Assert.That(error.Diagnostic.Message, Does.Contain("scaled_by_old").And.Contain("atomicrmw fadd").And.Contain("order in which the threads ran"));
        Assert.That(error.Diagnostic.Location, Is.Not.Null, "the diagnostic carries the source position");
    }

    private string DifferentiateToPtx(string source)
    {
        string root = RepositoryLayout.Root;
        string cu = _directory.File("kernels.cu"), bitcode = _directory.File("kernels.bc"), ptxFile = _directory.File("kernels.ptx");
        File.WriteAllText(cu, source);
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang++"),
        [
            "-x", "cuda", "--cuda-device-only", "--cuda-gpu-arch=sm_80", "-nocudainc", "-nocudalib",
            "-Xclang", "-target-feature", "-Xclang", "+ptx70",
            "-include", Path.Combine(root, "Sdk", "build", "include", "enzyme_cuda.h"),
            "-O2", "-g", "-emit-llvm", "-c", cu, "-o", bitcode,
        ]);
        Assert.That(compile.ExitCode, Is.EqualTo(0), compile.StandardError);
        ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = ptxFile, OptimizationLevel = 2, Cpu = "sm_80" });
        return File.ReadAllText(ptxFile);
    }

    /// <summary>The register holding the global-space address of a pointer parameter (<c>cvta.to.global</c> of its <c>ld.param</c>).</summary>
    private static string GlobalAddressOfParameter(string body, string parameter)
    {
        Match load = Regex.Match(body, $@"ld\.param\.(b|u)64\s+(%rd\d+), \[{parameter}\];");
        Assert.That(load.Success, Is.True, $"no ld.param of {parameter}\n{body}");
        Match cast = Regex.Match(body, $@"cvta\.to\.global\.u64\s+(%rd\d+), {Regex.Escape(load.Groups[2].Value)};");
        Assert.That(cast.Success, Is.True, $"no cvta.to.global of {parameter}\n{body}");
        return cast.Groups[1].Value;
    }

    private static string EntryBody(string ptx, string entry)
    {
        int start = ptx.IndexOf($".entry {entry}(", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no .entry {entry}");
        int next = ptx.IndexOf(".entry ", start + 1, StringComparison.Ordinal);
        return next < 0 ? ptx[start..] : ptx[start..next];
    }
}
