using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// Builds and runs generated programs: clang compiles a translation unit of programs (all with the same flags) to
/// bitcode, the engine differentiates it at -O2, clang links it with -lm, and the executable checks every program
/// (see <see cref="FuzzTranslationUnit"/>). A failing translation unit is split: each suspect program is rerun alone,
/// so that every reported failure comes with a single-program reproducer.
/// </summary>
public sealed class DifferentialFuzzer(FuzzEngine? engine = null)
{
    private readonly FuzzEngine engine = engine ?? InProcessEngine;

    /// <summary>How long a differentiated program may run.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep the working folder of every failing translation unit (for debugging).</summary>
    public string? KeepFailuresUnder { get; init; }

    /// <summary>The engine in this process (<see cref="ModulePipeline"/>, -O2).</summary>
    public static FuzzOutcome? InProcessEngine(IReadOnlyList<string> inputs, string output)
    {
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = inputs, Output = output, OptimizationLevel = 2 });
            return null;
        }
        catch (EnzymeException e)
        {
            return new FuzzOutcome(FuzzOutcomeKind.EngineError, e.Message, []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new FuzzOutcome(FuzzOutcomeKind.EngineCrash, e.ToString(), []);
        }
    }

    /// <summary>
    /// Runs <paramref name="programs"/> (same <see cref="GeneratedProgram.BatchKey"/>) as one translation unit, and
    /// on failure each suspect alone. Returns the failures; <paramref name="skipped"/> counts non-smooth components.
    /// </summary>
    public IReadOnlyList<FuzzFailure> RunBatch(IReadOnlyList<GeneratedProgram> programs, out int skipped)
    {
        FuzzOutcome outcome = Run(programs);
        skipped = outcome.Skipped;
        if (!outcome.Failed)
        {
            return [];
        }
        if (programs.Count == 1)
        {
            return [new FuzzFailure(programs[0], outcome)];
        }
        IEnumerable<GeneratedProgram> suspects = outcome.Kind == FuzzOutcomeKind.WrongDerivative && outcome.FailingNames.Count > 0
            ? programs.Where(p => outcome.FailingNames.Contains(p.Name))
            : programs;
        var failures = new List<FuzzFailure>();
        foreach (GeneratedProgram program in suspects)
        {
            FuzzOutcome alone = Run([program]);
            if (alone.Failed)
            {
                failures.Add(new FuzzFailure(program, alone));
            }
        }
        if (failures.Count == 0)
        {
            failures.Add(new FuzzFailure(programs[0], outcome, programs.Select(p => p.Seed).ToList()));
        }
        return failures;
    }

    /// <summary>Builds and runs <paramref name="programs"/> as one translation unit.</summary>
    public FuzzOutcome Run(IReadOnlyList<GeneratedProgram> programs)
    {
        if (programs.Count == 0 || programs.Any(p => p.BatchKey != programs[0].BatchKey))
        {
            throw new ArgumentException("programs must be non-empty and share their clang flags", nameof(programs));
        }
        string directory = Path.Combine(Path.GetTempPath(), "enzyme-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        FuzzOutcome outcome = Run(programs, directory);
        if (outcome.Failed && KeepFailuresUnder is not null)
        {
            string kept = Path.Combine(KeepFailuresUnder, $"seed-{programs[0].Seed}-{programs.Count}");
            try
            {
                if (Directory.Exists(kept))
                {
                    Directory.Delete(kept, recursive: true);
                }
                Directory.Move(directory, kept);
                return outcome;
            }
            catch (IOException)
            {
                // Fall through: delete it instead.
            }
        }
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        return outcome;
    }

    private FuzzOutcome Run(IReadOnlyList<GeneratedProgram> programs, string directory)
    {
        string clang = LlvmToolchain.Current.Tool("clang");
        string source = Path.Combine(directory, "fuzz.c");
        string bitcode = Path.Combine(directory, "fuzz.bc");
        string objectFile = Path.Combine(directory, "fuzz.o");
        string executable = Path.Combine(directory, "fuzz");
        File.WriteAllText(source, FuzzTranslationUnit.Build(programs));

        FuzzProcess.Result compile = FuzzProcess.Run(clang,
            [.. programs[0].ClangFlags, "-Werror=implicit-function-declaration", "-emit-llvm", "-c", source, "-o", bitcode],
            TimeSpan.FromMinutes(2));
        if (compile.ExitCode != 0)
        {
            return new FuzzOutcome(FuzzOutcomeKind.GeneratorBug, "clang rejected the program:\n" + compile.StandardError, []);
        }

        FuzzOutcome? engineFailure = engine([bitcode], objectFile);
        if (engineFailure is not null)
        {
            return engineFailure;
        }

        FuzzProcess.Result link = FuzzProcess.Run(clang, [objectFile, "-lm", "-o", executable], TimeSpan.FromMinutes(2));
        if (link.ExitCode != 0)
        {
            return new FuzzOutcome(FuzzOutcomeKind.LinkError, link.StandardOutput + link.StandardError, []);
        }

        FuzzProcess.Result run = FuzzProcess.Run(executable, [], RunTimeout);
        string output = run.StandardOutput + run.StandardError;
        string[] lines = run.StandardOutput.Split('\n');
        int skipped = lines.Count(l => l.StartsWith("FUZZSKIP ", StringComparison.Ordinal));
        var failLines = lines.Where(l => l.StartsWith("FUZZFAIL ", StringComparison.Ordinal)).ToList();
        if (run.TimedOut)
        {
            return new FuzzOutcome(FuzzOutcomeKind.Timeout, $"did not finish within {RunTimeout.TotalSeconds} s\n" + Tail(output), [], skipped);
        }
        if (failLines.Any(l => l.Contains("(generator bug)", StringComparison.Ordinal)))
        {
            return new FuzzOutcome(FuzzOutcomeKind.GeneratorBug, string.Join('\n', failLines), Names(failLines), skipped);
        }
        bool finished = lines.Any(l => l.StartsWith("FUZZDONE ", StringComparison.Ordinal));
        if (!finished)
        {
            return new FuzzOutcome(FuzzOutcomeKind.RuntimeCrash, $"exit code {run.ExitCode} before the end of the checks\n" + Tail(output), [], skipped);
        }
        if (failLines.Count > 0 || run.ExitCode != 0)
        {
            return new FuzzOutcome(FuzzOutcomeKind.WrongDerivative, string.Join('\n', failLines), Names(failLines), skipped);
        }
        return FuzzOutcome.Pass(skipped);
    }

    private static List<string> Names(IEnumerable<string> failLines) =>
        failLines.Select(l => l.Split(' ', 3)[1]).Distinct(StringComparer.Ordinal).ToList();

    private static string Tail(string text) => text.Length <= 4000 ? text : "...\n" + text[^4000..];
}
