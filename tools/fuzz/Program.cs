using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Fuzz;

namespace Enzyme.Fuzz;

/// <summary>
/// enzyme-fuzz: runs the differential fuzzer (random programs, reverse and forward mode against finite
/// differences and each other) for a while, with random seeds, printing every failing seed with its program.
/// See README.md for the options.
/// </summary>
public static class Program
{
    private const int EngineErrorExit = 2;
    private const int EngineCrashExit = 3;

    public static int Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "--engine")
            {
                return RunEngine(args[1..]);
            }
            if (args.Length > 0 && args[0] == "--file")
            {
                return RunFile(args[1..]);
            }
            return Run(Options.Parse(args));
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("enzyme-fuzz: " + e.Message);
            Console.Error.WriteLine(Options.Usage);
            return 64;
        }
    }

    private static int Run(Options options)
    {
        if (options.Print.Count > 0)
        {
            foreach (ulong seed in options.Print)
            {
                GeneratedProgram program = RandomProgramGenerator.Generate(seed);
                Console.WriteLine($"/* seed {seed}: clang {string.Join(' ', program.ClangFlags)} */");
                Console.Write(program.ToStandaloneSource());
            }
            return 0;
        }

        FuzzEngine engine = options.InProcess ? DifferentialFuzzer.InProcessEngine : ChildProcessEngine;
        var fuzzer = new DifferentialFuzzer(engine) { KeepFailuresUnder = options.Out };
        if (options.Out is not null)
        {
            Directory.CreateDirectory(options.Out);
        }

        if (options.Seeds.Count > 0)
        {
            int failed = 0;
            foreach (ulong seed in options.Seeds)
            {
                GeneratedProgram program = RandomProgramGenerator.Generate(seed);
                IReadOnlyList<FuzzFailure> failures = fuzzer.RunBatch([program], out _);
                if (failures.Count == 0)
                {
                    Console.WriteLine($"seed {seed}: passed");
                }
                foreach (FuzzFailure failure in failures)
                {
                    failed++;
                    Report(failure, fuzzer, options);
                }
            }
            return failed == 0 ? 0 : 1;
        }

        ulong master = options.Seed ?? (ulong)Stopwatch.GetTimestamp() ^ (ulong)Environment.ProcessId << 32;
        Console.WriteLine($"enzyme-fuzz: master seed {master}, {options.Jobs} jobs, {options.Batch} programs per file, "
            + (options.Minutes is double m ? $"{m} minutes" : $"{options.Count} programs"));
        var deadline = Stopwatch.StartNew();
        int programsRun = 0, skippedComponents = 0, failuresFound = 0;
        var gate = new object();

        bool KeepGoing() =>
            (options.Minutes is not double minutes || deadline.Elapsed.TotalMinutes < minutes)
            && (options.Count is not int count || Volatile.Read(ref programsRun) < count);

        void Worker(int worker)
        {
            // Independent streams: SplitMix64 states a multiple of its increment apart would be shifted copies.
            var random = new FuzzRandom(new FuzzRandom(master ^ ((ulong)worker + 1) * 0xD1B54A32D192ED03UL).NextUInt64());
            var buckets = new Dictionary<string, List<GeneratedProgram>>(StringComparer.Ordinal);
            while (KeepGoing())
            {
                ulong seed = random.NextUInt64() >> 1;
                (string level, bool debug) = RandomProgramGenerator.SettingsOf(seed);
                string key = debug ? level + " -g" : level;
                if (!buckets.TryGetValue(key, out List<GeneratedProgram>? bucket))
                {
                    buckets[key] = bucket = [];
                }
                bucket.Add(RandomProgramGenerator.Generate(seed));
                if (bucket.Count < options.Batch)
                {
                    continue;
                }
                buckets.Remove(key);
                IReadOnlyList<FuzzFailure> failures = fuzzer.RunBatch(bucket, out int skipped);
                lock (gate)
                {
                    programsRun += bucket.Count;
                    skippedComponents += skipped;
                    foreach (FuzzFailure failure in failures)
                    {
                        failuresFound++;
                        Report(failure, fuzzer, options);
                    }
                    if (programsRun % 100 < bucket.Count)
                    {
                        Console.WriteLine($"[{deadline.Elapsed:hh\\:mm\\:ss}] {programsRun} programs, {failuresFound} failures, {skippedComponents} non-smooth components skipped");
                    }
                }
            }
        }

        Parallel.For(0, options.Jobs, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, Worker);
        Console.WriteLine($"enzyme-fuzz: {programsRun} programs in {deadline.Elapsed.TotalSeconds:F0} s, {failuresFound} failures, "
            + $"{skippedComponents} non-smooth components skipped (master seed {master})");
        return failuresFound == 0 ? 0 : 1;
    }

    private static void Report(FuzzFailure failure, DifferentialFuzzer fuzzer, Options options)
    {
        Console.WriteLine(failure.Describe());
        if (options.Out is not null)
        {
            File.WriteAllText(Path.Combine(options.Out, $"seed-{failure.Program.Seed}.c"),
                $"/* {failure.Headline} */\n" + failure.Program.ToStandaloneSource());
        }
        if (options.Reduce && failure.BatchSeeds is null)
        {
            var reducer = new ProgramReducer(fuzzer);
            GeneratedProgram reduced = reducer.Reduce(failure.Program, failure.Outcome);
            FuzzOutcome check = fuzzer.Run([reduced]);
            Console.WriteLine($"--- reduced ({reducer.Attempts} attempts; now: {check.Symptom}) ---");
            Console.WriteLine(check.Detail.TrimEnd());
            Console.Write(reduced.Definitions);
            if (options.Out is not null)
            {
                File.WriteAllText(Path.Combine(options.Out, $"seed-{failure.Program.Seed}.reduced.c"),
                    $"/* {failure.Headline} (reduced) */\n" + reduced.ToStandaloneSource());
            }
        }
    }

    /// <summary>Runs the engine in a child process (this program with --engine), so that a crash cannot end the run.</summary>
    private static FuzzOutcome? ChildProcessEngine(IReadOnlyList<string> inputs, string output)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(Assembly.GetExecutingAssembly().Location);
        }
        arguments.AddRange(["--engine", output, .. inputs]);
        FuzzProcess.Result result = FuzzProcess.Run(self, arguments, TimeSpan.FromMinutes(5));
        string message = (result.StandardError + result.StandardOutput).TrimEnd();
        return result switch
        {
            { TimedOut: true } => new FuzzOutcome(FuzzOutcomeKind.EngineCrash, "the engine did not finish within 5 minutes", []),
            { ExitCode: 0 } => null,
            { ExitCode: EngineErrorExit } => new FuzzOutcome(FuzzOutcomeKind.EngineError, message, []),
            _ => new FuzzOutcome(FuzzOutcomeKind.EngineCrash, $"engine process exit code {result.ExitCode}\n{message}", []),
        };
    }

    /// <summary>--engine OUTPUT INPUT...: one in-process pipeline run (the child side of <see cref="ChildProcessEngine"/>).</summary>
    private static int RunEngine(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException("--engine needs an output and at least one input");
        }
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = args[1..], Output = args[0], OptimizationLevel = 2 });
            return 0;
        }
        catch (EnzymeException e)
        {
            Console.Error.WriteLine(e.Message);
            return EngineErrorExit;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine(e);
            return EngineCrashExit;
        }
    }

    /// <summary>--file FILE.c [CLANG FLAGS...]: compile, differentiate (in process), link and run a C file (e.g. a reproducer).</summary>
    private static int RunFile(string[] args)
    {
        if (args.Length < 1)
        {
            throw new ArgumentException("--file needs a C file");
        }
        string clang = Enzyme.Llvm.Toolchain.LlvmToolchain.Current.Tool("clang");
        string directory = Path.Combine(Path.GetTempPath(), "enzyme-fuzz-file-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string bitcode = Path.Combine(directory, "file.bc"), objectFile = Path.Combine(directory, "file.o"), executable = Path.Combine(directory, "file");
            FuzzProcess.Result compile = FuzzProcess.Run(clang, [.. args[1..], "-emit-llvm", "-c", args[0], "-o", bitcode], TimeSpan.FromMinutes(2));
            if (compile.ExitCode != 0)
            {
                Console.Error.Write(compile.StandardError);
                return 1;
            }
            FuzzOutcome? engine = DifferentialFuzzer.InProcessEngine([bitcode], objectFile);
            if (engine is not null)
            {
                Console.WriteLine($"{engine.Symptom}: {engine.Detail}");
                return 1;
            }
            FuzzProcess.Result link = FuzzProcess.Run(clang, [objectFile, "-lm", "-o", executable], TimeSpan.FromMinutes(2));
            if (link.ExitCode != 0)
            {
                Console.Error.Write(link.StandardOutput + link.StandardError);
                return 1;
            }
            FuzzProcess.Result run = FuzzProcess.Run(executable, [], TimeSpan.FromSeconds(30));
            Console.Write(run.StandardOutput + run.StandardError);
            Console.WriteLine(run.TimedOut ? "timed out" : $"exit code {run.ExitCode}");
            return run.ExitCode == 0 && !run.TimedOut ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class Options
    {
        public const string Usage = """
            usage: enzyme-fuzz [--minutes N | --count N] [--seed MASTER] [--jobs J] [--batch B] [--reduce] [--out DIR] [--in-process]
                   enzyme-fuzz --seeds S1,S2,...  [--reduce] [--out DIR]   (rerun given program seeds, each alone)
                   enzyme-fuzz --print S1,S2,...                          (print the programs' C source)
                   enzyme-fuzz --file REPRO.c [CLANG FLAGS]               (build and run one C file through the engine)
            """;

        public double? Minutes { get; private set; }
        public int? Count { get; private set; }
        public ulong? Seed { get; private set; }
        public int Jobs { get; private set; } = Environment.ProcessorCount;
        public int Batch { get; private set; } = 10;
        public bool Reduce { get; private set; }
        public bool InProcess { get; private set; }
        public string? Out { get; private set; }
        public List<ulong> Seeds { get; } = [];
        public List<ulong> Print { get; } = [];

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--minutes":
                        options.Minutes = double.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--count":
                        options.Count = int.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--seed":
                        options.Seed = ulong.Parse(Value(), CultureInfo.InvariantCulture);
                        break;
                    case "--jobs":
                        options.Jobs = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture));
                        break;
                    case "--batch":
                        options.Batch = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture));
                        break;
                    case "--reduce":
                        options.Reduce = true;
                        break;
                    case "--in-process":
                        options.InProcess = true;
                        break;
                    case "--out":
                        options.Out = Path.GetFullPath(Value());
                        break;
                    case "--seeds":
                        options.Seeds.AddRange(SeedList(Value()));
                        break;
                    case "--print":
                        options.Print.AddRange(SeedList(Value()));
                        break;
                    case "-h" or "--help":
                        throw new ArgumentException("help");
                    default:
                        throw new ArgumentException($"unknown option {args[i]}");
                }
            }
            if (options.Minutes is null && options.Count is null)
            {
                options.Minutes = 1;
            }
            return options;
        }

        private static IEnumerable<ulong> SeedList(string text) =>
            text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => ulong.Parse(s, CultureInfo.InvariantCulture));
    }
}
