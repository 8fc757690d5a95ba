using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// Bad input fails the build with a canonical <c>file(line,col): error</c> (or a named) diagnostic,
/// so IDEs and CI annotate the right line. Each test has its own sandbox, so they run in parallel.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class DiagnosticTests
{
    private const string KernelWithSyntaxError = """
        /* broken on purpose */
        double half(double x)
        {
            return x * ;
        }
        """;

    private const string KernelCallingAnOpaqueFunction = """
        {DECLARATIONS}
        extern double mystery(double);

        double f(double x)
        {
            return mystery(x) * x;
        }

        double f_grad(double x) { return __enzyme_autodiff((void *)f, enzyme_out, x); }
        """;

    private const string PlainKernel = """
        double square(double x) { return x * x; }
        """;

    [Test]
    public void CSyntaxError_FailsTheBuild_AtTheCompilersFileLineAndColumn()
    {
        using var sandbox = new DotnetSandbox("syntax-error");
        WriteLibraryProject(sandbox, "broken.c", KernelWithSyntaxError);

        ProcessResult build = sandbox.Build("lib");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        // `return x * ;`: clang reports "expected expression" at the semicolon, line 4, column 16.
        Assert.That(build.StandardOutput, Does.Match(@"broken\.c\(4,16\): error"), build.ToString());
    }

    [Test]
    public void CallToAFunctionWithoutBodyOrDerivative_IsENZ2001_AtItsSourceLine()
    {
        using var sandbox = new DotnetSandbox("enz2001");
        WriteLibraryProject(sandbox, "opaque.c", KernelCallingAnOpaqueFunction.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        int callLine = LineOf(sandbox.PathOf("lib/native/opaque.c"), "mystery(x)");

        ProcessResult build = sandbox.Build("lib");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.StandardOutput, Does.Match($@"opaque\.c\({callLine},\d+\): error ENZ2001:[^\n]*"), build.ToString());
        Assert.That(ErrorLines(build).Where(line => line.Contains("ENZ2001")), Has.Some.Contains("mystery"), "the message names the callee");
    }

    [Test]
    public void EnzymeGradientItem_NamingAMissingFunction_IsAnErrorNamingIt()
    {
        using var sandbox = new DotnetSandbox("missing-gradient");
        WriteLibraryProject(sandbox, "plain.c", PlainKernel,
            """<EnzymeGradient Include="no_such_function" Mode="Reverse" Activity="out" Name="no_such_function_grad" />""");

        ProcessResult build = sandbox.Build("lib");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        // ENZ1012 (docs/diagnostics.md): a gradient requested by name for a function no input defines.
        Assert.That(ErrorLines(build), Has.Some.Contains("ENZ1012").And.Contains("no_such_function"), build.ToString());
    }

    [Test]
    public void MissingToolchain_NamesTheInstallCommandAndTheOverride()
    {
        using var sandbox = new DotnetSandbox("no-llvm");
        WriteLibraryProject(sandbox, "plain.c", PlainKernel);

        ProcessResult build = sandbox.Build("lib", "-p:EnzymeLlvmRoot=/nonexistent/llvm-22");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(ErrorLines(build), Has.Some.Contains("apt-get install"), build.ToString());
            Assert.That(ErrorLines(build), Has.Some.Contains("EnzymeLlvmRoot"), build.ToString());
        });
    }

    private static void WriteLibraryProject(DotnetSandbox sandbox, string sourceName, string source, string extraItems = "")
    {
        sandbox.WriteFile("lib/Lib.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "kernel", "Kernel", outputType: "Library", extraItems: extraItems));
        sandbox.WriteFile($"lib/native/{sourceName}", source);
    }

    /// <summary>1-based number of the first line containing <paramref name="text"/>.</summary>
    private static int LineOf(string path, string text) =>
        Array.FindIndex(File.ReadAllLines(path), line => line.Contains(text, StringComparison.Ordinal)) + 1;

    private static IEnumerable<string> ErrorLines(ProcessResult build) =>
        build.Output.Split('\n').Where(line => Regex.IsMatch(line, @"\berror\b", RegexOptions.IgnoreCase));
}
