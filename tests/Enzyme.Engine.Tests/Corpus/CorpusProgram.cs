using System.Diagnostics;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// Shared driver for the self-checking corpora under <c>tests/corpus/&lt;suite&gt;</c>: enumerates the programs
/// (a <c>.c</c>/<c>.cpp</c> file, or a folder whose sources form one program), and builds and runs one of them:
/// clang compiles every source to bitcode at the requested level (C++ with <c>-std=c++17 -fno-exceptions</c>),
/// the engine runs in-process at -O2, clang links, and the executable must exit with 0.
/// </summary>
internal static class CorpusProgram
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ValgrindTimeout = TimeSpan.FromSeconds(120);

    public static readonly string[] Levels = ["-O0", "-O2"];

    /// <summary>The program names (file or folder names) of one corpus suite, in ordinal order.</summary>
    public static IEnumerable<string> Enumerate(string suite)
    {
        string directory = Path.Combine(RepositoryRoot(), "tests", "corpus", suite);
        return Directory.EnumerateFiles(directory)
            .Where(IsSource)
            .Concat(Directory.EnumerateDirectories(directory))
            .Select(p => Path.GetFileName(p)!)
            .OrderBy(n => n, StringComparer.Ordinal);
    }

    /// <summary>
    /// Compiles, differentiates, links and runs <paramref name="program"/>; fails the test on any error. With
    /// <paramref name="underValgrind"/> the program runs under memcheck and any definite or indirect leak, invalid
    /// read/write or use of uninitialised memory fails it: this is how the gradient's tapes and caches are shown
    /// to be freed on every path.
    /// </summary>
    public static void BuildAndRun(string suite, string program, string level, bool underValgrind = false)
    {
        string root = RepositoryRoot();
        string path = Path.Combine(root, "tests", "corpus", suite, program);
        string include = Path.Combine(root, "tests", "corpus", "include");
        string[] sources = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(IsSource).OrderBy(p => p, StringComparer.Ordinal).ToArray()
            : [path];
        Assert.That(sources, Is.Not.Empty, $"{program} has no .c/.cpp sources");
        bool anyCpp = sources.Any(IsCpp);
        string clang = LlvmToolchain.Current.Tool("clang");
        string clangxx = LlvmToolchain.Current.Tool("clang++");

        using var directory = new TemporaryDirectory();
        var bitcodes = new List<string>();
        foreach (string source in sources)
        {
            string bitcode = directory.File(Path.GetFileName(source) + ".bc");
            List<string> arguments = IsCpp(source) ? ["-std=c++17", "-fno-exceptions"] : [];
            arguments.AddRange([level, "-g", "-emit-llvm", "-c", "-I", include, source, "-o", bitcode]);
            RunTool(IsCpp(source) ? clangxx : clang, arguments, "compile " + Path.GetFileName(source));
            bitcodes.Add(bitcode);
        }

        string name = Path.GetFileNameWithoutExtension(program);
        string objectFile = directory.File(name + ".o");
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = bitcodes, Output = objectFile, OptimizationLevel = 2 });
        }
        catch (EnzymeException e)
        {
            Assert.Fail($"enzyme-ad failed on {suite}/{program} ({level}):\n{e.Message}");
        }

        string executable = directory.File(name);
        RunTool(anyCpp ? clangxx : clang, [objectFile, "-lm", "-o", executable], "link");

        ProcessResult result = underValgrind
            ? RunWithTimeout("valgrind", ["--quiet", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
                "--show-leak-kinds=definite,indirect", "--error-exitcode=97", executable], ValgrindTimeout)
            : RunWithTimeout(executable, [], RunTimeout);
        Assert.That(result.ExitCode, Is.EqualTo(0),
            $"{suite}/{program} ({level}) exited with {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}");
    }

    private static bool IsSource(string path) => path.EndsWith(".c", StringComparison.Ordinal) || IsCpp(path);

    private static bool IsCpp(string path) => path.EndsWith(".cpp", StringComparison.Ordinal);

    private static void RunTool(string tool, IEnumerable<string> arguments, string what)
    {
        ProcessResult result = ProcessRunner.Run(tool, arguments);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"{what} failed ({Path.GetFileName(tool)} {string.Join(' ', arguments)}):\n{result.StandardOutput}{result.StandardError}");
        }
    }

    private static ProcessResult RunWithTimeout(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds} s\n--- stdout ---\n{stdout.Result}\n--- stderr ---\n{stderr.Result}");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Enzyme.Sdk.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Enzyme.Sdk.sln not found above {AppContext.BaseDirectory}");
    }
}
