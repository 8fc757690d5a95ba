using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// Builds and runs one program of the MPI corpus (<c>tests/corpus/mpi</c>): clang compiles it to bitcode
/// with Open MPI's include flags (<c>mpicc -showme:compile</c>), the engine differentiates in-process at
/// -O2, clang links with <c>mpicc -showme:link</c>, and <c>mpirun --allow-run-as-root --oversubscribe -np N</c>
/// runs it for every rank count its first line lists (<c>// mpi-ranks: 2 3 4</c>); it must exit with 0.
/// Open MPI comes from <c>build/mpi-toolchain.sh</c> (<c>./build.sh test</c> installs it); without it the
/// tests fail rather than skip, so CI cannot pass without running them.
/// </summary>
internal static class MpiProgram
{
    private const string Suite = "mpi";
    private const string RanksMarker = "// mpi-ranks:";

    private static readonly Lazy<(string[] Compile, string[] Link)> Flags = new(() =>
        (ShowMe("-showme:compile"), ShowMe("-showme:link")));

    /// <summary>The programs of the MPI corpus with the rank counts each runs with.</summary>
    public static IEnumerable<(string Program, int[] Ranks)> Enumerate() =>
        CorpusProgram.Enumerate(Suite).Select(program => (program, RankCounts(Path.Combine(RepositoryLayout.Root, "tests", "corpus", Suite, program))));

    /// <summary>The rank counts on the first line of the program (of its <c>main.c</c> for a folder).</summary>
    private static int[] RankCounts(string source)
    {
        string first = File.ReadLines(Directory.Exists(source) ? Path.Combine(source, "main.c") : source).FirstOrDefault() ?? "";
        return first.StartsWith(RanksMarker, StringComparison.Ordinal)
            ? [.. first[RanksMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)]
            : [2];
    }

    /// <summary>Compiles, differentiates and links <paramref name="program"/> at <paramref name="level"/>, then runs it with each rank count.</summary>
    public static void BuildAndRun(string program, string level, int[] ranks) =>
        BuildAndRunSource(Path.Combine(RepositoryLayout.Root, "tests", "corpus", Suite, program), level, ranks);

    /// <summary>The same for any C source with a <c>main</c> (samples/DistributedHeat).</summary>
    public static void BuildAndRunSource(string source, string level, int[] ranks)
    {
        using var directory = new TemporaryDirectory();
        string executable = Build(source, level, directory);
        foreach (int count in ranks)
        {
            ProcessResult result = RunRanks(executable, count);
            Assert.That(result.ExitCode, Is.EqualTo(0),
                $"{Path.GetFileName(source)} ({level}, {count} ranks) exited with {result.ExitCode}\n--- stdout ---\n{result.StandardOutput}\n--- stderr ---\n{result.StandardError}");
        }
    }

    /// <summary>
    /// Compiles <paramref name="source"/> (a C file, or a folder of C and Fortran files) at <paramref name="level"/>,
    /// differentiates and links it into <paramref name="directory"/>; returns the executable. Fortran sources
    /// include Open MPI's <c>mpif.h</c> through the SDK's flang-readable one (<c>Sdk/build/include/mpi-flang</c>,
    /// before Open MPI's include folders) and the program links with flang, which adds the Fortran runtime.
    /// </summary>
    public static string Build(string source, string level, TemporaryDirectory directory)
    {
        string include = Path.Combine(RepositoryLayout.Root, "tests", "corpus", "include");
        string flangMpi = Path.Combine(RepositoryLayout.Root, "Sdk", "build", "include", "mpi-flang");
        string clang = LlvmToolchain.Current.Tool("clang");
        (string[] compile, string[] link) = Flags.Value;
        string program = Path.GetFileName(source);
        string[] sources = Directory.Exists(source)
            ? [.. Directory.EnumerateFiles(source).Where(f => f.EndsWith(".c", StringComparison.Ordinal) || IsFortran(f)).Order(StringComparer.Ordinal)]
            : [source];
        var bitcodes = new List<string>();
        foreach (string file in sources)
        {
            string bitcode = directory.File(Path.GetFileName(file) + ".bc");
            if (IsFortran(file))
            {
                string[] includeFolders = [.. compile.Where(f => f.StartsWith("-I", StringComparison.Ordinal))];
                Run(LlvmToolchain.Current.Tool("flang"), [level, "-g", "-emit-llvm", "-c", "-I", flangMpi, .. includeFolders, "-J", directory.Path, file, "-o", bitcode],
                    "compile " + Path.GetFileName(file));
            }
            else
            {
                Run(clang, [.. compile, level, "-g", "-emit-llvm", "-c", "-I", include, file, "-o", bitcode], "compile " + Path.GetFileName(file));
            }
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
            Assert.Fail($"enzyme-ad failed on {program} ({level}):\n{e.Message}");
        }

        string executable = directory.File(name);
        string linker = sources.Any(IsFortran) ? LlvmToolchain.Current.Tool("flang") : clang;
        Run(linker, [objectFile, .. link, "-lm", "-o", executable], "link");
        return executable;
    }

    private static bool IsFortran(string path) => Path.GetExtension(path) is ".f" or ".f90" or ".F90";

    /// <summary>Runs an MPI executable on <paramref name="count"/> ranks.</summary>
    public static ProcessResult RunRanks(string executable, int count) =>
        ProcessRunner.Run("mpirun", ["--allow-run-as-root", "--oversubscribe", "-np", count.ToString(System.Globalization.CultureInfo.InvariantCulture), executable]);

    /// <summary>Compiles a source with the MPI flags and runs the engine on it, returning its error (for the ENZ2020 tests).</summary>
    public static EnzymeException? Differentiate(string source, string level)
    {
        string clang = LlvmToolchain.Current.Tool("clang");
        string include = Path.Combine(RepositoryLayout.Root, "tests", "corpus", "include");
        using var directory = new TemporaryDirectory();
        string path = directory.Write("program.c", source);
        string bitcode = directory.File("program.bc");
        Run(clang, [.. Flags.Value.Compile, level, "-g", "-emit-llvm", "-c", "-I", include, path, "-o", bitcode], "compile");
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = directory.File("program.o"), OptimizationLevel = 2 });
            return null;
        }
        catch (EnzymeException e)
        {
            return e;
        }
    }

    /// <summary>Compiles a Fortran source (with the flang-readable <c>mpif.h</c>) and a C driver, and runs the engine on both, returning its error.</summary>
    public static EnzymeException? DifferentiateFortran(string fortran, string driver, string level)
    {
        string flangMpi = Path.Combine(RepositoryLayout.Root, "Sdk", "build", "include", "mpi-flang");
        using var directory = new TemporaryDirectory();
        string fortranPath = directory.Write("program.f90", fortran), driverPath = directory.Write("driver.c", driver);
        string fortranBitcode = directory.File("program.bc"), driverBitcode = directory.File("driver.bc");
        string[] includeFolders = [.. Flags.Value.Compile.Where(f => f.StartsWith("-I", StringComparison.Ordinal))];
        Run(LlvmToolchain.Current.Tool("flang"), [level, "-g", "-emit-llvm", "-c", "-I", flangMpi, .. includeFolders, "-J", directory.Path, fortranPath, "-o", fortranBitcode], "compile");
        Run(LlvmToolchain.Current.Tool("clang"), [level, "-g", "-emit-llvm", "-c", driverPath, "-o", driverBitcode], "compile");
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = [fortranBitcode, driverBitcode], Output = directory.File("program.o"), OptimizationLevel = 2 });
            return null;
        }
        catch (EnzymeException e)
        {
            return e;
        }
    }

    private static string[] ShowMe(string what)
    {
        ProcessResult result;
        try
        {
            result = ProcessRunner.Run("mpicc", [what]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("mpicc was not found: install Open MPI with build/mpi-toolchain.sh (./build.sh test does) or apt-get install openmpi-bin libopenmpi-dev");
            throw;
        }
        Assert.That(result.ExitCode, Is.EqualTo(0), $"mpicc {what} failed:\n{result.StandardError}");
        return result.StandardOutput.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }

    private static void Run(string tool, IEnumerable<string> arguments, string what)
    {
        ProcessResult result = ProcessRunner.Run(tool, arguments);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"{what} failed ({Path.GetFileName(tool)} {string.Join(' ', arguments)}):\n{result.StandardOutput}{result.StandardError}");
        }
    }
}
