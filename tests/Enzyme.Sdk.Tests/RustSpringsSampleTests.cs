using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/RustSprings: a Rust crate (a crate root and a module file, both matched by <c>native/*.rs</c>) as an
/// <c>EnzymeSource</c>, differentiated through
/// <c>EnzymeGradient</c> items and through <c>__enzyme_autodiff</c>/<c>__enzyme_fwddiff</c> calls written in Rust. One
/// build of the sample is shared: its gradients are checked against central differences by the program, the bindings
/// carry the Rust types, the library exports only the crate's functions (std is linked in, hidden), and the build is
/// incremental on the crate's files (a no-op build runs no rustc; touching the module file recompiles the crate).
/// </summary>
[TestFixture]
public sealed class RustSpringsSampleTests
{
    private static readonly string[] Exports =
    [
        "chain_energy", "chain_energy_gradient", "chain_energy_gradient_from_rust", "chain_energy_slope", "chain_energy_slope_from_rust",
    ];

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildOnce()
    {
        _sandbox = new DotnetSandbox("rust-springs");
        _sandbox.CopyFromRepository(RepositoryLayout.Sample("RustSprings"), "RustSprings");
        _build = _sandbox.Build("RustSprings", "-c", "Release");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test, Order(1)]
    public void Build_CompilesTheCrateWithRustcToBitcode()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        string depfile = File.ReadAllText(BuildOutputs.Single(_sandbox.PathOf("RustSprings/obj"), "native_springs.rs.d"));
        Assert.Multiple(() =>
        {
            Assert.That(_build.StandardOutput, Does.Contain("--crate-type=staticlib").And.Contain("panic=abort").And.Contain("--emit=dep-info="),
                "the rustc command line is in the log");
            Assert.That(depfile, Does.Contain("geometry.rs"), "the depfile lists the crate's module file");
            Assert.That(Directory.GetFiles(_sandbox.PathOf("RustSprings/obj"), "*geometry*.bc", SearchOption.AllDirectories), Is.Empty,
                "native/*.rs lists the module file too, but it is compiled with its crate root, not as a crate");
            Assert.That(_build.StandardOutput, Does.Contain("is a module of the crate"));
        });
    }

    [Test, Order(2)]
    public void Sample_PassesItsGradientChecks_AndRelaxesTheChain()
    {
        Assert.That(_build.ExitCode, Is.Zero, "the build failed, so there is nothing to run:\n" + _build);
        ProcessResult run = _sandbox.Dotnet("RustSprings", "run", "--no-build", "-c", "Release");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        string output = run.StandardOutput;
        Assert.Multiple(() =>
        {
            Assert.That(OutputParsing.Number(output, "gradient_error"), Is.LessThan(1e-6), "EnzymeGradient item vs central differences");
            Assert.That(OutputParsing.Number(output, "rust_gradient_difference"), Is.LessThan(1e-12), "__enzyme_autodiff in Rust vs the item");
            Assert.That(OutputParsing.Number(output, "slope_difference"), Is.LessThan(1e-10), "forward mode (item and Rust) vs gradient . direction");
            Assert.That(OutputParsing.Number(output, "final_energy"), Is.LessThan(OutputParsing.Number(output, "start_energy") - 100), "the chain relaxed");
            Assert.That(OutputParsing.Number(output, "final_gradient_norm"), Is.LessThan(1e-3), "at equilibrium");
        });
    }

    [Test, Order(3)]
    public void Bindings_CarryTheRustSignatures()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        string bindings = File.ReadAllText(BuildOutputs.Single(_sandbox.PathOf("RustSprings/obj"), "Springs.g.cs"));
        Assert.Multiple(() =>
        {
            Assert.That(bindings, Does.Contain("public static partial double chain_energy(double* positions, nuint n, double stiffness, double rest, double span);"));
            Assert.That(bindings, Does.Contain("public static double chain_energy(ReadOnlySpan<double> positions, nuint n, double stiffness, double rest, double span)"));
            Assert.That(bindings, Does.Contain("public static partial void chain_energy_gradient(double* positions, double* d_positions, nuint n, double stiffness, double rest, double span);"));
            Assert.That(bindings, Does.Contain("public static void chain_energy_gradient_from_rust(ReadOnlySpan<double> positions, Span<double> gradient, nuint n,"));
        });
    }

    [Test, Order(4)]
    public void Library_ExportsOnlyTheCratesFunctions()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        string library = BuildOutputs.Single(_sandbox.PathOf("RustSprings/bin"), "libsprings.so");
        ProcessResult symbols = ProcessRunner.Run(Path.Combine(LlvmRoot(), "bin", "llvm-nm"), ["-D", "--defined-only", "--format=just-symbols", library],
            _sandbox.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        Assert.That(symbols.ExitCode, Is.Zero, symbols.ToString());
        string[] defined = symbols.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(name => !name.StartsWith("_init", StringComparison.Ordinal) && !name.StartsWith("_fini", StringComparison.Ordinal))
            .ToArray();
        Assert.That(defined, Is.EquivalentTo(Exports), "std's symbols (allocator shims, panics) are linked in but not exported");
    }

    [Test, Order(5)]
    public void Rebuild_RunsNoRustc_UntilTheModuleFileChanges()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        string bitcode = BuildOutputs.Single(_sandbox.PathOf("RustSprings/obj"), "native_springs.rs.bc");
        DateTime compiled = File.GetLastWriteTimeUtc(bitcode);

        ProcessResult noOp = _sandbox.Build("RustSprings", "-c", "Release");
        Assert.That(noOp.ExitCode, Is.Zero, noOp.ToString());
        Assert.That(File.GetLastWriteTimeUtc(bitcode), Is.EqualTo(compiled), "nothing changed, yet the crate was recompiled");
        Assert.That(Regex.IsMatch(noOp.StandardOutput, @"rustc\S*\s+--edition"), Is.False, "no rustc compile in a no-op build");

        string module = _sandbox.PathOf("RustSprings/native/geometry.rs");
        File.SetLastWriteTimeUtc(module, compiled.AddSeconds(2));
        ProcessResult touched = _sandbox.Build("RustSprings", "-c", "Release");
        Assert.That(touched.ExitCode, Is.Zero, touched.ToString());
        Assert.That(File.GetLastWriteTimeUtc(bitcode), Is.GreaterThan(compiled), "the module file changed, but the crate was not recompiled");
    }

    private static string LlvmRoot() =>
        Environment.GetEnvironmentVariable("ENZYME_LLVM_ROOT") is { Length: > 0 } root ? root : "/usr/lib/llvm-22";
}
