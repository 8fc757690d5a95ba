using System.Text.RegularExpressions;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Cuda;

/// <summary>
/// CUDA device code with <c>__enzyme_autodiff</c>/<c>__enzyme_fwddiff</c> in kernels, compiled the way Enzyme.Sdk
/// compiles <c>.cu</c> sources without the CUDA SDK (clang device-only, <c>enzyme_cuda.h</c>), differentiated and
/// emitted as PTX for sm_80 and sm_90 through the NVPTX back end. The PTX must hold the primal and derivative
/// entry points, accumulate the adjoints of memory shared between threads with atomic adds, and call nothing
/// the GPU lacks (no libm calls). The same sample ran on an H100 against a CPU reference (samples/CudaSaxpy).
/// </summary>
[TestFixture]
public sealed class CudaDerivativePtxTests
{
    [TestCase("sm_80", 70)]
    [TestCase("sm_90", 78)]
    public void SampleKernels_DifferentiateToPtx(string arch, int ptxVersion)
    {
        string root = RepositoryLayout.Root;
        using var directory = new TemporaryDirectory();
        string bitcode = directory.File("saxpy.bc"), ptxFile = directory.File("saxpy.ptx");
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang++"),
        [
            "-x", "cuda", "--cuda-device-only", $"--cuda-gpu-arch={arch}", "-nocudainc", "-nocudalib",
            "-Xclang", "-target-feature", "-Xclang", $"+ptx{ptxVersion}",
            "-include", Path.Combine(root, "Sdk", "build", "include", "enzyme_cuda.h"),
            "-O2", "-g", "-emit-llvm", "-c", Path.Combine(root, "samples", "CudaSaxpy", "native", "saxpy.cu"), "-o", bitcode,
        ]);
        Assert.That(compile.ExitCode, Is.EqualTo(0), compile.StandardError);

        ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = ptxFile, OptimizationLevel = 2, Cpu = arch });
        string ptx = File.ReadAllText(ptxFile);

        Assert.That(ptx, Does.Contain($".target {arch}"));
        string[] entries = Regex.Matches(ptx, @"\.entry\s+(\w+)\(").Select(m => m.Groups[1].Value).ToArray();
        Assert.That(entries, Is.EquivalentTo(new[] { "saxpy", "model", "model_gradient", "model_tangent", "saxpy_gradient" }));
        string gradient = EntryBody(ptx, "model_gradient");
        Assert.That(Regex.Matches(gradient, @"(atom|red)\.global\.add\.f32").Count, Is.GreaterThanOrEqualTo(3),
            "each of the three shared weights' adjoints is an atomic add");
        Assert.That(gradient, Does.Contain("cos.approx.f32"), "d sin(x)/dx on the GPU's own approximation");
        Assert.That(ptx, Does.Not.Contain("call.uni"), "no calls: every derivative is inlined and needs no libm");
        Assert.That(EntryBody(ptx, "model_tangent"), Does.Not.Contain("atom."), "forward mode needs no atomics");
    }

    private static string EntryBody(string ptx, string entry)
    {
        int start = ptx.IndexOf($".entry {entry}(", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no .entry {entry}");
        int next = ptx.IndexOf(".entry ", start + 1, StringComparison.Ordinal);
        return next < 0 ? ptx[start..] : ptx[start..next];
    }
}
