using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// EnzymeLlvmRoot pointing at a folder without clang, or at an LLVM whose clang is another major
/// version (with an LLVM 22 library beside it, so only the version tells): one clear error naming
/// the path, what was found and the fix, before any compiler runs.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class WrongLlvmRobustnessTests
{
    private const string PlainKernel = "double square(double x) { return x * x; }\n";

    [Test]
    public void LlvmRootWithoutClang_IsENZ4001_NamingThePathAndTheFix()
    {
        using var sandbox = new DotnetSandbox("llvm-no-clang");
        WriteProject(sandbox);
        string root = sandbox.PathOf("not llvm");
        Directory.CreateDirectory(Path.Combine(root, "lib"));

        ProcessResult build = sandbox.Build("lib", $"-p:EnzymeLlvmRoot={root}");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        string[] errors = ErrorLines(build).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.Contains("error ENZ4001:").And.Contains($"'{root}'").And.Contains("no bin/clang")
                .And.Contains("EnzymeLlvmRoot").And.Contains("apt-get install"), build.ToString());
            Assert.That(build.StandardOutput, Does.Not.Contain("-emit-llvm"), "no compiler may run");
            Assert.That(errors.SelectMany(line => Regex.Matches(line, @"\bENZ\d{4}\b").Select(m => m.Value)).Distinct(), Is.EqualTo(new[] { "ENZ4001" }),
                "one error, not a cascade");
        });
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void LlvmRootWhoseClangIsAnotherVersion_IsENZ4013_NamingThePathTheVersionAndTheFix()
    {
        using var sandbox = new DotnetSandbox("llvm-18");
        WriteProject(sandbox);
        string root = sandbox.PathOf("llvm-18");
        string clang = sandbox.WriteFile("llvm-18/bin/clang",
            "#!/bin/sh\necho 'Ubuntu clang version 18.1.3 (1ubuntu1)'\necho 'Target: x86_64-pc-linux-gnu'\n");
        File.SetUnixFileMode(clang, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The LLVM 22 library file the old check looked for: only clang's version shows the mismatch.
        sandbox.WriteFile("llvm-18/lib/libLLVM.so.22.1", "");

        ProcessResult build = sandbox.Build("lib", $"-p:EnzymeLlvmRoot={root}");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        string[] errors = ErrorLines(build).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.Contains("error ENZ4013:").And.Contains($"'{root}'").And.Contains("version 18.1.3")
                .And.Contains("needs LLVM 22").And.Contains("EnzymeLlvmRoot").And.Contains("apt-get install"), build.ToString());
            Assert.That(build.StandardOutput, Does.Not.Contain("-emit-llvm"), "no compiler may run");
            Assert.That(errors.SelectMany(line => Regex.Matches(line, @"\bENZ\d{4}\b").Select(m => m.Value)).Distinct(), Is.EqualTo(new[] { "ENZ4013" }),
                "one error, not a cascade");
        });
    }

    private static void WriteProject(DotnetSandbox sandbox)
    {
        sandbox.WriteFile("lib/Lib.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "kernel", "Kernel", outputType: "Library"));
        sandbox.WriteFile("lib/native/plain.c", PlainKernel);
    }

    private static IEnumerable<string> ErrorLines(ProcessResult build) =>
        build.Output.Split('\n').Where(line => Regex.IsMatch(line, @"\berror\b", RegexOptions.IgnoreCase));
}
