using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// A build killed (whole process tree, as by a CI timeout) while clang compiles a slow source:
/// no bitcode of that source exists afterwards, the next normal build compiles it, gives the
/// right derivatives and leaves no temporary file of the killed build or its own behind.
/// </summary>
[TestFixture]
public sealed class InterruptedBuildRobustnessTests
{
    /// <summary>Levels of doubling macros: the expression clang parses has 2^17 nodes (seconds of work), its IR a few.</summary>
    private const int Levels = 17;

    private const string FastSource = """
        {DECLARATIONS}
        double square(double x) { return x * x; }

        double square_grad(double x) { return __enzyme_autodiff((void *)square, enzyme_out, x); }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"square_grad={Kill.square_grad(3.0):R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slow_grad={Kill.slow_grad(2.0):R}"));
        """;

    [Test]
    public void BuildKilledWhileClangRuns_ThenRebuilt_GivesACorrectLibraryAndNoLeftovers()
    {
        using var sandbox = new DotnetSandbox("killed");
        sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "kill", "Kill"));
        sandbox.WriteFile("app/native/fast.c", FastSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile("app/native/slow.c", SlowSource());
        sandbox.WriteFile("app/Program.cs", ProgramSource);
        string obj = sandbox.PathOf("app/obj");

        using (var killed = new BackgroundBuild(sandbox, "app"))
        {
            int? clang = BackgroundBuild.WaitForProcess(() => killed.HasExited, TimeSpan.FromMinutes(2), "-emit-llvm", sandbox.PathOf("app/native/slow.c"));
            Assert.That(clang, Is.Not.Null, "clang never ran on slow.c before the build ended");
            // Let clang open its output, then kill everything.
            Thread.Sleep(500);
            Assert.That(BackgroundBuild.IsRunning(clang!.Value), Is.True, "slow.c compiled faster than expected: the kill would not interrupt it");
            killed.KillProcessTree();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (BackgroundBuild.IsRunning(clang.Value) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }
            Assert.That(BackgroundBuild.IsRunning(clang.Value), Is.False, "killing the build's process tree did not end clang");
        }
        Assert.That(Directory.GetFiles(obj, "*slow.c.bc", SearchOption.AllDirectories), Is.Empty,
            "the interrupted compile left a bitcode file that the next build would take as up to date:\n" + BuildOutputs.Listing(obj));

        ProcessResult rebuild = sandbox.Build("app");

        Assert.That(rebuild.ExitCode, Is.Zero, rebuild.ToString());
        Assert.That(rebuild.StandardOutput, Does.Contain(sandbox.PathOf("app/native/slow.c")), "the rebuild compiled slow.c again");
        ProcessResult run = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        string[] temporaries = Directory.GetFiles(obj, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path).Contains(".tmp", StringComparison.Ordinal))
            .ToArray();
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "square_grad"), 6.0, 1e-15, "d/dx x² at 3");
            // A0 = x/2 and A(k) = 1.5·A(k-1): the derivative is 0.5·1.5^17 everywhere.
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "slow_grad"), 0.5 * Math.Pow(1.5, Levels), 1e-12, "d/dx A17");
            Assert.That(temporaries, Is.Empty, "temporary files of the killed build (or of the rebuild) are left in obj/");
        });
    }

    /// <summary>A(k) = (A(k-1) + A(k-1)*0.5): each level doubles the tokens clang must parse.</summary>
    private static string SlowSource()
    {
        var source = new System.Text.StringBuilder(ProjectFiles.EnzymeDeclarations).Append('\n');
        source.Append("#define A0 (x * 0.5)\n");
        for (int level = 1; level <= Levels; level++)
        {
            source.Append($"#define A{level} (A{level - 1} + A{level - 1} * 0.5)\n");
        }
        source.Append($"double slow(double x) {{ return A{Levels}; }}\n");
        source.Append("double slow_grad(double x) { return __enzyme_autodiff((void *)slow, enzyme_out, x); }\n");
        return source.ToString();
    }
}
