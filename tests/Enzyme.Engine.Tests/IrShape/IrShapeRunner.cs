using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.IrShape;

/// <summary>
/// Runs one IR-shape test file: each of its <c>; RUN:</c> lines runs <c>enzyme-ad</c> in-process on the
/// file, then LLVM's FileCheck reads the file's own <c>CHECK</c> lines against the IR written.
/// </summary>
internal static class IrShapeRunner
{
    /// <summary>Where the test files live: <c>tests/irshape</c>, found from the test binaries.</summary>
    public static string TestDirectory => Path.Combine(RepositoryLayout.Root, "tests", "irshape");

    /// <summary>The file names of every IR-shape test, in ordinal order, so a new file is a new test.</summary>
    public static IEnumerable<string> TestFileNames() =>
        Directory.EnumerateFiles(TestDirectory, "*.ll")
            .Select(p => Path.GetFileName(p)!)
            .OrderBy(n => n, StringComparer.Ordinal);

    /// <summary>
    /// Null when every RUN line of <paramref name="testFile"/> succeeds and its output passes FileCheck;
    /// otherwise what went wrong, with the engine's or FileCheck's own error output.
    /// </summary>
    public static string? Mismatch(string testFile)
    {
        string fileCheck = LlvmToolchain.Current.Tool("FileCheck");
        if (!File.Exists(fileCheck))
        {
            return $"{fileCheck} is missing: it ships in the llvm-{LlvmToolchain.RequiredMajorVersion}-tools package (build/llvm-toolchain.sh installs it)";
        }

        using var temporary = new TemporaryDirectory();
        string stem = temporary.File(Path.GetFileNameWithoutExtension(testFile));
        IReadOnlyList<IrShapeRunLine> runLines = File.ReadLines(testFile)
            .Where(l => l.StartsWith(IrShapeRunLine.Marker, StringComparison.Ordinal))
            .Select(l => IrShapeRunLine.Parse(l[IrShapeRunLine.Marker.Length..], testFile, stem))
            .ToList();
        if (runLines.Count == 0)
        {
            return $"{Path.GetFileName(testFile)} has no '{IrShapeRunLine.Marker}' line";
        }

        foreach (IrShapeRunLine run in runLines)
        {
            string command = "enzyme-ad " + string.Join(' ', run.EnzymeAdArguments);
            EnzymeAdRun engine = EnzymeAdRun.Invoke([.. run.EnzymeAdArguments]);
            if (engine.ExitCode != 0)
            {
                return $"{command} exited with {engine.ExitCode}:\n{engine.StandardError}";
            }
            ProcessResult check = ProcessRunner.Run(fileCheck, [testFile, "--input-file", run.Output, .. run.FileCheckArguments]);
            if (check.ExitCode != 0)
            {
                return $"FileCheck failed on the output of {command}:\n{check.StandardError}";
            }
        }
        return null;
    }
}
