using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// The Rust corpus (<c>tests/corpus/rust</c>): every program is a folder with a crate root <c>lib.rs</c> whose
/// <c>#[no_mangle] pub extern "C"</c> functions use std (slices, iterators, <c>Vec</c> collected or grown by push,
/// powi, sqrt, exp, bounds-checked indexing) and a C driver <c>main.c</c> that differentiates them. rustc compiles
/// the crate to bitcode and, in the same run, to a staticlib (std's non-generic code and the allocator shims, which
/// the bitcode only declares); the engine differentiates the C and Rust bitcode in-process; clang links the object
/// with the staticlib. The driver checks reverse mode against central differences and forward against reverse with
/// the dot-product test. Two recipes: the SDK's (<c>-C opt-level=2</c>, nothing vectorised or partially unrolled)
/// and plain <c>-C opt-level=3</c> (vector loops the engine sends through their scalar remainders).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RustCorpusTests
{
    private static readonly Dictionary<string, string[]> Recipes = new(StringComparer.Ordinal)
    {
        ["sdk"] = ["-C", "opt-level=2", "-C", "no-vectorize-loops", "-C", "no-vectorize-slp",
            "-C", "llvm-args=-unroll-runtime=false", "-C", "llvm-args=-unroll-allow-partial=false"],
        ["O3"] = ["-C", "opt-level=3"],
    };

    public static IEnumerable<TestCaseData> Programs()
    {
        string directory = Path.Combine(RepositoryLayout.Root, "tests", "corpus", "rust");
        foreach (string program in Directory.EnumerateDirectories(directory).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal))
        {
            foreach (string recipe in Recipes.Keys)
            {
                yield return new TestCaseData(program, recipe).SetName($"Rust({program}, {recipe})");
            }
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Rust(string program, string recipe) => BuildAndRun(program, recipe, underValgrind: false);

    /// <summary>The Vec the function grows is reallocated and freed in the forward sweep; its shadows must be freed too.</summary>
    [Test]
    public void VecGrowthGradientLeaksNothing() => BuildAndRun("vec_growth", "sdk", underValgrind: true);

    private static void BuildAndRun(string program, string recipe, bool underValgrind)
    {
        string folder = Path.Combine(RepositoryLayout.Root, "tests", "corpus", "rust", program);
        string include = Path.Combine(RepositoryLayout.Root, "tests", "corpus", "include");
        using var directory = new TemporaryDirectory();
        string crateBitcode = directory.File("crate.bc");
        string staticLibrary = directory.File("libcrate.a");
        ProcessResult rustc = ProcessRunner.Run(RustCompiler.Path,
            ["--edition=2021", "--crate-type=staticlib", "--crate-name=corpus", "-C", "panic=abort", "-C", "codegen-units=1", "-g",
             .. Recipes[recipe], $"--emit=llvm-bc={crateBitcode},link={staticLibrary}", Path.Combine(folder, "lib.rs")],
            workingDirectory: directory.Path); // rustc's intermediate files go to the working folder: one per test
        Assert.That(rustc.ExitCode, Is.EqualTo(0), $"rustc failed:\n{rustc.StandardError}");
        string driverBitcode = directory.File("main.bc");
        ProcessResult clang = ProcessRunner.Run(ClangCompiler.ClangPath,
            ["-O2", "-gdwarf-4", "-emit-llvm", "-c", "-I", include, Path.Combine(folder, "main.c"), "-o", driverBitcode]);
        Assert.That(clang.ExitCode, Is.EqualTo(0), clang.StandardError);

        string objectFile = directory.File(program + ".o");
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = [driverBitcode, crateBitcode], Output = objectFile, OptimizationLevel = 2 });
        }
        catch (EnzymeException e)
        {
            Assert.Fail($"enzyme-ad failed on rust/{program} ({recipe}):\n{e.Message}");
        }
        // The object defines every function of the crate, so the linker takes only std's code and the allocator
        // shims from the staticlib, never the crate's own member.
        string executable = directory.File(program);
        ProcessResult link = ProcessRunner.Run(ClangCompiler.ClangPath,
            ["-fuse-ld=lld", objectFile, staticLibrary, "-Wl,--gc-sections", .. RustCompiler.NativeLibraries, "-o", executable]);
        Assert.That(link.ExitCode, Is.EqualTo(0), $"link failed:\n{link.StandardError}");

        ProcessResult result = underValgrind
            ? ProcessRunner.Run("valgrind", ["--quiet", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
                "--show-leak-kinds=definite,indirect", "--error-exitcode=97", executable])
            : ProcessRunner.Run(executable, []);
        Assert.That(result.ExitCode, Is.EqualTo(0),
            $"rust/{program} ({recipe}) exited with {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}");
    }
}
