using System.Text;
using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/CudaSaxpy through the packed Enzyme.Sdk and Enzyme.Cuda: <c>.cu</c> device code with Enzyme calls
/// in kernels becomes <c>saxpy.ptx</c> (copied to the output and embedded in the assembly) with typed launchers,
/// and a second build runs no compiler and no engine. The program runs: on a machine with an NVIDIA driver it
/// checks every derivative against its CPU reference (exit 1 on a mismatch); without one it says why and exits 0.
/// </summary>
[TestFixture]
public sealed class CudaSampleBuildTests
{
    private static readonly string[] Kernels = ["saxpy", "model", "model_gradient", "model_tangent", "saxpy_gradient"];

    [Test]
    public void CudaSample_BuildsPtxEmbedsItGeneratesLaunchers_AndRuns()
    {
        using var sandbox = new DotnetSandbox("cuda-sample");
        sandbox.CopyFromRepository(RepositoryLayout.Sample("CudaSaxpy"), "CudaSaxpy");

        ProcessResult build = sandbox.Build("CudaSaxpy");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        string output = sandbox.PathOf("CudaSaxpy/bin/Debug/net10.0");
        string ptx = File.ReadAllText(Path.Combine(output, "saxpy.ptx"));
        string[] entries = Regex.Matches(ptx, @"\.entry\s+(\w+)\(").Select(m => m.Groups[1].Value).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ptx, Does.Contain(".target sm_80"));
            Assert.That(entries, Is.EquivalentTo(Kernels));
            Assert.That(Regex.IsMatch(ptx, @"(atom|red)\.global\.add\.f32"), Is.True, "shared weights' adjoints need atomic adds");
            string assembly = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(output, "CudaSaxpy.dll")));
            Assert.That(assembly, Does.Contain(".entry model_gradient("), "the PTX is embedded as a resource");
            string launchers = File.ReadAllText(BuildOutputs.Single(sandbox.PathOf("CudaSaxpy/obj"), "Kernels.g.cs"));
            foreach (string kernel in Kernels)
            {
                Assert.That(launchers, Does.Match($@"public static void {kernel}\("), $"no launcher for {kernel}");
            }
        });

        ProcessResult upToDate = sandbox.Build("CudaSaxpy");
        Assert.That(upToDate.ExitCode, Is.Zero, upToDate.ToString());
        Assert.That(upToDate.Output, Does.Contain("Skipping target \"_EnzymeDifferentiatePtx\""), upToDate.ToString());
        Assert.That(upToDate.Output, Does.Not.Contain("--cuda-device-only"), "an up-to-date build compiled a .cu file again");

        ProcessResult run = sandbox.Dotnet("CudaSaxpy", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("not run: ").Or.Contain("all derivatives match the CPU reference"), run.ToString());
    }
}
