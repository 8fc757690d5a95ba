using System.Diagnostics;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// Shared driver for the self-checking corpora under <c>tests/corpus/&lt;suite&gt;</c>: enumerates the programs
/// (a <c>.c</c>/<c>.cpp</c> file, or a folder whose sources form one program), and builds and runs one of them:
/// clang compiles every source to bitcode at the requested level (C++ with <c>-std=c++17 -fno-exceptions</c>, or the flags a first-line <c>// corpus-flags:</c> comment asks for;
/// <c>-fopenmp</c> also links libomp),
/// flang every Fortran source (<c>.f .f90 .F90</c>, in ordinal order with one module folder, so a module's
/// file must sort before the files that use it), the engine runs in-process at -O2, clang links (flang when
/// a source is Fortran, which adds the Fortran runtime), and the executable must exit with 0.
/// </summary>
internal static class CorpusProgram
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ValgrindTimeout = TimeSpan.FromSeconds(120);

    public static readonly string[] Levels = ["-O0", "-O2"];

    /// <summary>The program names (file or folder names) of one corpus suite, in ordinal order.</summary>
    public static IEnumerable<string> Enumerate(string suite)
    {
        string directory = Path.Combine(RepositoryLayout.Root, "tests", "corpus", suite);
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
        string root = RepositoryLayout.Root;
        string path = Path.Combine(root, "tests", "corpus", suite, program);
        string include = Path.Combine(root, "tests", "corpus", "include");
        string[] sources = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(IsSource).OrderBy(p => p, StringComparer.Ordinal).ToArray()
            : [path];
        Assert.That(sources, Is.Not.Empty, $"{program} has no .c/.cpp/.f90 sources");
        bool anyCpp = sources.Any(IsCpp);
        // OpenMP programs (`// corpus-flags: -fopenmp`) link with libomp.
        bool openMp = sources.Where(s => !IsFortran(s)).Any(s => CorpusFlags(s).Contains("-fopenmp"));
        bool anyFortran = sources.Any(IsFortran);
        string clang = LlvmToolchain.Current.Tool("clang");
        string clangxx = LlvmToolchain.Current.Tool("clang++");
        string flang = LlvmToolchain.Current.Tool("flang");

        using var directory = new TemporaryDirectory();
        var bitcodes = new List<string>();
        // Fortran first: a C or Fortran source may need the .mod files of the modules before it.
        foreach (string source in sources.OrderBy(s => IsFortran(s) ? 0 : 1))
        {
            string bitcode = directory.File(Path.GetFileName(source) + ".bc");
            if (IsFortran(source))
            {
                RunTool(flang, [level, "-g", "-emit-llvm", "-c", "-J", directory.Path, source, "-o", bitcode], "compile " + Path.GetFileName(source));
                bitcodes.Add(bitcode);
                continue;
            }
            List<string> extra = CorpusFlags(source);
            List<string> arguments = IsCpp(source) ? ["-std=c++17", extra.Contains("-fexceptions") ? "-fexceptions" : "-fno-exceptions"] : [];
            arguments.AddRange(extra.Where(f => f != "-fexceptions"));
            // DWARF 4: valgrind 3.19 cannot read clang 22's default DWARF 5 of programs linked from several units.
            arguments.AddRange([level, "-gdwarf-4", "-emit-llvm", "-c", "-I", include, source, "-o", bitcode]);
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
        RunTool(anyFortran ? flang : anyCpp ? clangxx : clang, [objectFile, "-lm", .. (openMp ? new[] { "-fopenmp" } : []), "-o", executable], "link");

        ProcessResult result = underValgrind
            ? RunWithTimeout("valgrind", ["--quiet", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
                "--show-leak-kinds=definite,indirect", "--error-exitcode=97", executable], ValgrindTimeout)
            : RunWithTimeout(executable, [], RunTimeout);
        Assert.That(result.ExitCode, Is.EqualTo(0),
            $"{suite}/{program} ({level}) exited with {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}");
    }

    /// <summary>Extra compiler flags a source asks for on its first line: <c>// corpus-flags: -fexceptions</c>.</summary>
    private static List<string> CorpusFlags(string source)
    {
        const string Marker = "// corpus-flags:";
        string first = File.ReadLines(source).FirstOrDefault() ?? "";
        return first.StartsWith(Marker, StringComparison.Ordinal)
            ? [.. first[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)]
            : [];
    }

    private static bool IsSource(string path) => path.EndsWith(".c", StringComparison.Ordinal) || IsCpp(path) || IsFortran(path);

    private static bool IsFortran(string path) => Path.GetExtension(path) is ".f" or ".f90" or ".F90";

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
}
