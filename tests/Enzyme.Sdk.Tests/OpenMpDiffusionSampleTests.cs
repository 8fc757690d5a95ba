using System.Globalization;
using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/OpenMpDiffusion builds against the packed SDK with <c>EnzymeOpenMP=true</c>, its OpenMP gradient passes
/// its checks at 1, 2 and 4 threads, and the libomp it needs is packed beside the library exactly when asked for
/// or when the loader would not find it (<c>EnzymeOpenMPRuntime</c>).
/// </summary>
[TestFixture]
public sealed class OpenMpDiffusionSampleTests
{
    [Test]
    public void Sample_ChecksItsGradientAtEveryThreadCount_AndPacksLibompOnRequest()
    {
        using var sandbox = new DotnetSandbox("openmp-diffusion");
        sandbox.CopyFromRepository(RepositoryLayout.Sample("OpenMpDiffusion"), "OpenMpDiffusion");

        ProcessResult run = sandbox.Dotnet("OpenMpDiffusion", "run", "-c", "Release");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        MatchCollection rows = Regex.Matches(run.StandardOutput, @"^threads=(?<threads>\d+) loss=(?<loss>\S+) primal_ms=\S+ gradient_ms=(?<gradient>\S+)", RegexOptions.Multiline);
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Groups["threads"].Value), Is.EqualTo(new[] { "1", "2", "4" }), run.StandardOutput);
            Assert.That(rows.Select(r => double.Parse(r.Groups["loss"].Value, CultureInfo.InvariantCulture)), Has.All.EqualTo(38.0907825129453).Within(1e-9), "the same loss at every thread count");
            Assert.That(rows.Select(r => double.Parse(r.Groups["gradient"].Value, CultureInfo.InvariantCulture)), Has.All.GreaterThan(0));
            Assert.That(OutputParsing.Number(run.StandardOutput, "thread_agreement"), Is.LessThan(1e-12), "the gradient at 2 and 4 threads against 1 thread");
            Assert.That(OutputParsing.Number(run.StandardOutput, "kappa_fd_relative_error"), Is.LessThan(1e-4), "conductivity gradient vs central differences");
            Assert.That(OutputParsing.Number(run.StandardOutput, "initial_directional_relative_error"), Is.LessThan(1e-8), "initial-field gradient along a direction (exact for a quadratic loss)");
        });

        // auto (the default): libomp.so.5 is packed exactly when the loader's cache does not list it.
        string output = sandbox.PathOf("OpenMpDiffusion/bin/Release/net10.0");
        bool systemLibomp = Run("/sbin/ldconfig", "-p").StandardOutput.Contains("libomp.so.5 (", StringComparison.Ordinal);
        Assert.That(File.Exists(Path.Combine(output, "libomp.so.5")), Is.EqualTo(!systemLibomp), "auto packs libomp only when it is not a system library");

        ProcessResult packed = sandbox.Dotnet("OpenMpDiffusion", "build", "-c", "Release", "-p:EnzymeOpenMPRuntime=pack");
        Assert.That(packed.ExitCode, Is.Zero, packed.ToString());
        Assert.That(File.Exists(Path.Combine(output, "libomp.so.5")), Is.True, "pack copies libomp.so.5 beside libdiffusion.so");
        ProcessResult dynamic = Run(Path.Combine(LlvmRoot(), "bin", "llvm-readelf"), "-d", Path.Combine(output, "libdiffusion.so"));
        Assert.That(dynamic.StandardOutput, Does.Contain("Library runpath: [$ORIGIN]"), "the library finds the packed runtime beside itself");
    }

    private static ProcessResult Run(string program, params string[] arguments) =>
        ProcessRunner.Run(program, arguments, Path.GetTempPath(), new Dictionary<string, string?>(), TimeSpan.FromSeconds(30));

    /// <summary>The LLVM the SDK uses (ENZYME_LLVM_ROOT, else the conventional prefix).</summary>
    private static string LlvmRoot() =>
        Environment.GetEnvironmentVariable("ENZYME_LLVM_ROOT") is { Length: > 0 } root ? root : "/usr/lib/llvm-22";
}
