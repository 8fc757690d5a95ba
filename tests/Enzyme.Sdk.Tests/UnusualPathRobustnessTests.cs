using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// A project in a folder named with spaces, non-ASCII letters, '@' and ';', whose sources have such
/// names too (one found by a wildcard, one named explicitly with ';' written %3B as MSBuild requires):
/// it builds, its library gives the right gradients, and a second build runs no tool (a ';' split
/// into two paths would make a missing input and rerun every step on every build).
/// </summary>
[TestFixture]
public sealed class UnusualPathRobustnessTests
{
    private const string ProjectFolder = "Ünïcødé dir @ a;b";

    private const string WildcardSource = """
        {DECLARATIONS}
        double quartic(double x) { return x * x * x * x; }

        double quartic_grad(double x) { return __enzyme_autodiff((void *)quartic, enzyme_out, x); }
        """;

    private const string ExplicitSource = """
        {DECLARATIONS}
        #include <math.h>
        double wave(double x) { return sin(2.0 * x); }

        double wave_grad(double x) { return __enzyme_autodiff((void *)wave, enzyme_out, x); }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quartic_grad={Odd.quartic_grad(1.25):R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wave_grad={Odd.wave_grad(0.3):R}"));
        """;

    [Test]
    public void ProjectAndSourcesWithSpacesUnicodeAtAndSemicolon_BuildRunAndRebuildAsNoOp()
    {
        using var sandbox = new DotnetSandbox("odd-paths");
        sandbox.WriteFile($"{ProjectFolder}/Odd.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "odd", "Odd",
            extraItems: """<EnzymeSource Include="extra/wave ü%3Bx@y.c" />"""));
        sandbox.WriteFile($"{ProjectFolder}/native/qu artic ü@1;2.c", WildcardSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile($"{ProjectFolder}/extra/wave ü;x@y.c", ExplicitSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile($"{ProjectFolder}/Program.cs", ProgramSource);

        ProcessResult build = sandbox.Build(ProjectFolder);
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        ProcessResult run = sandbox.Dotnet(ProjectFolder, "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "quartic_grad"), 4 * Math.Pow(1.25, 3), 1e-15, "d/dx x⁴ at 1.25");
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "wave_grad"), 2 * Math.Cos(0.6), 1e-15, "d/dx sin 2x at 0.3");
        });

        string library = BuildOutputs.Single(sandbox.PathOf($"{ProjectFolder}/bin"), "libodd.so");
        DateTime libraryTime = File.GetLastWriteTimeUtc(library);
        ProcessResult second = sandbox.Build(ProjectFolder);

        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(build.StandardOutput, Does.Contain("-emit-llvm").And.Contain("enzyme-ad"), "the first build's log shows the tool command lines");
            Assert.That(second.StandardOutput, Does.Not.Contain("-emit-llvm"), "the second build ran clang:\n" + second.StandardOutput);
            Assert.That(second.StandardOutput, Does.Not.Contain("enzyme-ad"), "the second build ran the engine:\n" + second.StandardOutput);
            Assert.That(File.GetLastWriteTimeUtc(library), Is.EqualTo(libraryTime), "libodd.so rewritten");
        });
    }
}
