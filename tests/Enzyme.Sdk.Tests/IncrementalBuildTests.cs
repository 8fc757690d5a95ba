using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// Two C files, one including shared.h: changing the header recompiles exactly the file that
/// includes it (the compiler's depfile drives the incremental build), and the new value reaches
/// the library the program loads.
/// </summary>
[TestFixture]
public sealed class IncrementalBuildTests
{
    private const string HeaderWithScaleTwo = """
        #ifndef SHARED_H
        #define SHARED_H
        #define SCALE 2.0
        #endif
        """;

    private const string IncludingSource = """
        #include "shared.h"
        {DECLARATIONS}

        double scaled_square(double x) { return SCALE * x * x; }

        double scaled_square_grad(double x) { return __enzyme_autodiff((void *)scaled_square, enzyme_out, x); }
        """;

    private const string StandaloneSource = """
        {DECLARATIONS}

        double cube(double x) { return x * x * x; }

        double cube_grad(double x) { return __enzyme_autodiff((void *)cube, enzyme_out, x); }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scaled_square_grad={Inc.scaled_square_grad(1.5):R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cube_grad={Inc.cube_grad(1.5):R}"));
        """;

    [Test]
    public void ChangingAHeader_RecompilesOnlyTheFileIncludingIt()
    {
        using var sandbox = new DotnetSandbox("incremental");
        sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "inc", "Inc"));
        string header = sandbox.WriteFile("app/native/shared.h", HeaderWithScaleTwo);
        sandbox.WriteFile("app/native/with_header.c", IncludingSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile("app/native/standalone.c", StandaloneSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile("app/Program.cs", ProgramSource);

        ProcessResult firstBuild = sandbox.Build("app");
        Assert.That(firstBuild.ExitCode, Is.Zero, firstBuild.ToString());
        ProcessResult firstRun = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(firstRun.ExitCode, Is.Zero, firstRun.ToString());
        OutputParsing.AssertClose(OutputParsing.Number(firstRun.StandardOutput, "scaled_square_grad"), 2 * 2.0 * 1.5, 1e-15, "d/dx 2x² at 1.5");

        string obj = sandbox.PathOf("app/obj");
        string includingBitcode = BuildOutputs.BitcodeFor(obj, "with_header");
        string standaloneBitcode = BuildOutputs.BitcodeFor(obj, "standalone");
        DateTime includingBefore = File.GetLastWriteTimeUtc(includingBitcode);
        DateTime standaloneBefore = File.GetLastWriteTimeUtc(standaloneBitcode);

        File.WriteAllText(header, HeaderWithScaleTwo.Replace("SCALE 2.0", "SCALE 3.0"));
        // Make the change visible even on file systems with coarse timestamps.
        File.SetLastWriteTimeUtc(header, includingBefore.AddSeconds(2));

        ProcessResult secondBuild = sandbox.Build("app");
        Assert.That(secondBuild.ExitCode, Is.Zero, secondBuild.ToString());
        ProcessResult secondRun = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(secondRun.ExitCode, Is.Zero, secondRun.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(File.GetLastWriteTimeUtc(includingBitcode), Is.GreaterThan(includingBefore), "with_header.c was not recompiled");
            Assert.That(File.GetLastWriteTimeUtc(standaloneBitcode), Is.EqualTo(standaloneBefore), "standalone.c was recompiled although nothing it includes changed");
            OutputParsing.AssertClose(OutputParsing.Number(secondRun.StandardOutput, "scaled_square_grad"), 2 * 3.0 * 1.5, 1e-15, "d/dx 3x² at 1.5 after the header change");
            OutputParsing.AssertClose(OutputParsing.Number(secondRun.StandardOutput, "cube_grad"), 3 * 1.5 * 1.5, 1e-15, "d/dx x³ at 1.5");
        });
    }
}
