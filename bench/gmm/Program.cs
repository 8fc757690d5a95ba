namespace GmmBench;

/// <summary>
/// Runs the GMM benchmark on the three ADBench inputs and writes bench/results/gmm.json, or the
/// file named by <c>--out &lt;file&gt;</c>. Exit code 1 when any gradient that was timed is wrong: a
/// fast wrong gradient is not a result.
/// </summary>
public static class Program
{
    private static readonly string[] Inputs = ["gmm_d2_K5.txt", "gmm_d10_K25.txt", "gmm_d20_K10.txt"];

    public static int Main(string[] args)
    {
        string bench = BenchPaths.BenchDirectory();
        var rows = new List<ResultRow>();
        var failures = new List<string>();
        for (int i = 0; i < Inputs.Length; i++)
        {
            GmmProblem problem = GmmProblem.Load(Path.Combine(bench, "data", "gmm", Inputs[i]));
            // One ADOL-C tape per input, so no recording overwrites another case's buffers.
            var runner = new CaseRunner(problem, tapeTag: i + 1);
            rows.AddRange(runner.Run());
            failures.AddRange(runner.Failures);
        }

        string output = Bench.Common.CommandLine.OutputPath(args) ?? Path.Combine(bench, "results", "gmm.json");
        new BenchmarkResults("gmm", rows).Write(output);
        Console.WriteLine($"wrote {output}");
        foreach (string failure in failures)
        {
            Console.Error.WriteLine($"error: {failure}");
        }
        return failures.Count == 0 ? 0 : 1;
    }
}
