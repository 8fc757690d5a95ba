using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// What goes wrong with Rust sources fails the build cleanly, before the engine runs: rustc's errors at their file,
/// line and column, and rustc itself missing (ENZ4040) or built on a newer LLVM than the engine's (ENZ4041), each
/// naming the fix. None of these builds leaves a library behind.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class RustDiagnosticsTests
{
    private const string BrokenCrate = """
        #[no_mangle]
        pub extern "C" fn broken(x: f64) -> f64 {
            x * undefined_scale
        }
        """;

    private const string GoodCrate = """
        #[no_mangle]
        pub extern "C" fn square(x: f64) -> f64 {
            x * x
        }
        """;

    [Test]
    public void ACrateThatDoesNotCompile_FailsWithRustcsErrorAtItsLine()
    {
        using var sandbox = new DotnetSandbox("rust-broken");
        string source = WriteProject(sandbox, BrokenCrate);

        ProcessResult build = sandbox.Build("lib");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(ErrorLines(build), Has.Some.Contains($"{source}(3,9): error E0425:").And.Contains("undefined_scale"), build.ToString());
            Assert.That(build.StandardOutput, Does.Not.Contain("ENZ4005"), "rustc's own error is the error, not a generic tool failure");
            Assert.That(Directory.GetFiles(sandbox.PathOf("lib"), "*.so", SearchOption.AllDirectories), Is.Empty, "no library");
            Assert.That(Directory.GetFiles(sandbox.PathOf("lib/obj"), "*.bc", SearchOption.AllDirectories), Is.Empty, "no bitcode");
        });
    }

    [Test]
    public void RustcThatDoesNotExist_IsENZ4040_NamingThePathAndTheInstallCommand()
    {
        using var sandbox = new DotnetSandbox("rust-missing");
        WriteProject(sandbox, GoodCrate);
        string missing = sandbox.PathOf("no-such-toolchain/bin/rustc");

        ProcessResult build = sandbox.Build("lib", $"-p:EnzymeRustc={missing}");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        string[] errors = ErrorLines(build).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.Contains("error ENZ4040:").And.Contains($"'{missing}'").And.Contains("rustup").And.Contains("apt-get install -y rustc"), build.ToString());
            Assert.That(Codes(errors), Is.EqualTo(new[] { "ENZ4040" }), "one error, not a cascade");
        });
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void RustcOnANewerLlvm_IsENZ4041_NamingBothVersions()
    {
        using var sandbox = new DotnetSandbox("rust-llvm23");
        WriteProject(sandbox, GoodCrate);
        string rustc = sandbox.WriteFile("future/bin/rustc",
            "#!/bin/sh\necho 'rustc 1.99.0 (0000000 2027-01-01)'\necho 'release: 1.99.0'\necho 'LLVM version: 23.1.0'\n");
        File.SetUnixFileMode(rustc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        ProcessResult build = sandbox.Build("lib", $"-p:EnzymeRustc={rustc}");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        string[] errors = ErrorLines(build).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Some.Contains("error ENZ4041:").And.Contains("rustc 1.99.0").And.Contains("LLVM 23.1.0").And.Contains("LLVM 22")
                .And.Contains("EnzymeRustc"), build.ToString());
            Assert.That(Codes(errors), Is.EqualTo(new[] { "ENZ4041" }), "one error, not a cascade");
            Assert.That(build.StandardOutput, Does.Not.Contain("--crate-type"), "no compile with that rustc");
        });
    }

    private static string WriteProject(DotnetSandbox sandbox, string crate)
    {
        sandbox.WriteFile("lib/Lib.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "kernel", "Kernel", outputType: "Library")
            .Replace("native/*.c", "native/kernel.rs", StringComparison.Ordinal));
        return sandbox.WriteFile("lib/native/kernel.rs", crate);
    }

    private static IEnumerable<string> ErrorLines(ProcessResult build) =>
        build.Output.Split('\n').Where(line => Regex.IsMatch(line, @"\berror\b", RegexOptions.IgnoreCase));

    private static string[] Codes(IEnumerable<string> errors) =>
        errors.SelectMany(line => Regex.Matches(line, @"\bENZ\d{4}\b").Select(m => m.Value)).Distinct().ToArray();
}
