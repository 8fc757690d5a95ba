using System.Diagnostics;
using System.Text;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Cli;

/// <summary>
/// enzyme-ad on bitcode from a newer LLVM (a clean ENZ0003, no output left), and its peak memory
/// on a module of 10⁵ instructions, measured in a child process.
/// </summary>
public sealed class EnzymeAdRobustnessTests
{
    /// <summary>The generous bound the 10⁵-instruction module must stay under; measured: about 0.5 GiB (docs/reliability.md).</summary>
    private const long PeakMemoryBoundBytes = 2L << 30;

    private TemporaryDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    [Test]
    public void BitcodeFromANewerLlvm_IsENZ0003_NamingTheFileAndTheIncompatibility()
    {
        string original = ClangCompiler.CompileToBitcode(_directory, "sq", "double sq(double x) { return x * x; }\n");
        // The control: the same rewrite with this LLVM's epoch must be read, or the test would only
        // prove that the rewriting breaks the file.
        string sameEpoch = _directory.File("same.bc");
        File.WriteAllBytes(sameEpoch, BitcodeIdentification.Replace(File.ReadAllBytes(original), "LLVM22.1", epoch: 0));
        string future = _directory.File("future.bc");
        File.WriteAllBytes(future, BitcodeIdentification.Replace(File.ReadAllBytes(original), "LLVM99.0", epoch: 1));

        EnzymeAdRun control = EnzymeAdRun.Invoke(sameEpoch, "-o", _directory.File("same.o"));
        Assert.That(control.ExitCode, Is.Zero, control.StandardError);

        string output = _directory.File("future.o");
        File.WriteAllText(output, "stale output of an earlier run");
        string[] before = Directory.GetFiles(_directory.Path);
        EnzymeAdRun run = EnzymeAdRun.Invoke(future, "-o", output);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.StandardError);
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.StandardError);
            // LLVM's reader says "Incompatible epoch: Bitcode '1' vs current: '0'".
            Assert.That(run.ErrorLines.FirstOrDefault(), Does.StartWith("enzyme-ad: error ENZ0003:").And.Contain("future.bc").And.Contain("Incompatible epoch")
                .And.Contain("newer LLVM than 22"));
            Assert.That(File.Exists(output), Is.False, "a failed run must not leave the output file");
            Assert.That(Directory.GetFiles(_directory.Path), Is.EquivalentTo(before.Where(f => f != output)), "no temporary file may be left");
        });
    }

    [Test]
    public void ModuleOf100kInstructions_IsDifferentiatedWithinTheMemoryBound()
    {
        string bitcode = ClangCompiler.CompileToBitcode(_directory, "big", GeneratedSource(functions: 210, statementsPerFunction: 40));
        using (var context = new LlvmContext())
        using (LlvmModule module = context.ParseFile(bitcode))
        {
            long instructions = module.Functions.Sum(f => (long)f.Instructions.Count());
            Assert.That(instructions, Is.GreaterThanOrEqualTo(100_000), "the generated module is smaller than intended");
            TestContext.Out.WriteLine($"instructions: {instructions}");
        }
        string output = _directory.File("big.o");

        (int exitCode, long peakBytes, TimeSpan elapsed, string stderr) = RunMeasured([bitcode, "-o", output, "-O0"]);

        TestContext.Out.WriteLine($"enzyme-ad -O0: {elapsed.TotalSeconds:F1} s, peak RSS {peakBytes / (1024.0 * 1024.0):F0} MiB");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, stderr);
            Assert.That(new FileInfo(output).Length, Is.GreaterThan(0));
            Assert.That(peakBytes, Is.GreaterThan(0), "no memory figure was read");
            Assert.That(peakBytes, Is.LessThan(PeakMemoryBoundBytes), $"peak RSS {peakBytes / (1024.0 * 1024.0):F0} MiB");
        });
    }

    /// <summary>
    /// One reverse-mode gradient through a chain of <paramref name="functions"/> helpers of
    /// <paramref name="statementsPerFunction"/> statements (sin, products, affine updates), all reading the
    /// same 16 inputs: about 480 instructions per helper before optimisation.
    /// </summary>
    private static string GeneratedSource(int functions, int statementsPerFunction)
    {
        var source = new StringBuilder("""
            #include <math.h>
            extern int enzyme_dup;
            void __enzyme_autodiff(void *, ...);

            """);
        for (int f = 0; f < functions; f++)
        {
            source.Append($"static double g{f}(const double *x, double a)\n{{\n");
            for (int s = 0; s < statementsPerFunction; s++)
            {
                int i = (f * 7 + s * 3) % 16, j = (f + s * 5) % 16;
                source.Append(((f + s) % 3) switch
                {
                    0 => $"    a = a * 0.999 + sin(x[{i}] * a) * x[{j}];\n",
                    1 => $"    a = a + x[{i}] * x[{j}] * 0.01;\n",
                    _ => $"    a = a * (1.0 + 0.001 * x[{i}]) - 0.002 * x[{j}];\n",
                });
            }
            source.Append("    return a;\n}\n");
        }
        source.Append("double big(const double *x)\n{\n    double s = 0.1;\n");
        for (int f = 0; f < functions; f++)
        {
            source.Append($"    s = g{f}(x, s * 0.5);\n");
        }
        source.Append("    return s;\n}\n");
        source.Append("void big_grad(const double *x, double *dx) { __enzyme_autodiff((void *)big, enzyme_dup, x, dx); }\n");
        return source.ToString();
    }

    /// <summary>
    /// Runs the enzyme-ad next to the test assembly in its own process, reading its VmHWM (the
    /// kernel's high-water mark of its resident set) from /proc every few milliseconds until it exits.
    /// </summary>
    private static (int ExitCode, long PeakBytes, TimeSpan Elapsed, string StandardError) RunMeasured(string[] arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "enzyme-ad.dll") }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start enzyme-ad");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        string status = $"/proc/{process.Id}/status";
        while (!process.WaitForExit(5))
        {
            peak = Math.Max(peak, ReadHighWaterMark(status));
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"enzyme-ad did not finish within 90 s (peak RSS so far {peak / (1024 * 1024)} MiB)");
            }
        }
        _ = stdout.Result;
        return (process.ExitCode, peak, clock.Elapsed, stderr.Result);
    }

    private static long ReadHighWaterMark(string statusFile)
    {
        try
        {
            string? line = File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // exited between the wait and the read
        }
    }
}
