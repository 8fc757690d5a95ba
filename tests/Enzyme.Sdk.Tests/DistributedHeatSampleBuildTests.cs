using System.Globalization;
using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/DistributedHeat as a .NET project (<c>EnzymeMPI=true</c>): <c>dotnet build</c> against the packed SDK compiles the
/// C model with Open MPI's flags, differentiates it and links <c>libDistributedHeat.so</c> with libmpi; the program then runs
/// under <c>mpirun -np 4</c>. Its printed gradient with respect to the initial condition and the conductivity must match
/// the central finite differences it prints beside it, and its gradient descent must bring the misfit down by three orders.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class DistributedHeatSampleBuildTests
{
    private const int Ranks = 4;

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildOnce()
    {
        _sandbox = new DotnetSandbox("distributed-heat");
        _sandbox.CopyFromRepository(RepositoryLayout.Sample("DistributedHeat"), "DistributedHeat");
        _build = _sandbox.Build("DistributedHeat", "-c", "Release");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Build_CompilesWithOpenMpiFlags_AndLinksLibmpi()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(_build.StandardOutput, Does.Match(@"clang\S* .*-I\S*openmpi\S*include.*heat_model\.c"), "the model compiles with mpicc's include folders");
            Assert.That(_build.StandardOutput, Does.Match(@"-shared .*-lmpi\b"), "the library links libmpi");
            Assert.That(File.Exists(_sandbox.PathOf("DistributedHeat/bin/Release/net10.0/libDistributedHeat.so")), Is.True, "libDistributedHeat.so next to the program");
        });
    }

    [Test]
    public void Program_UnderMpirun_MatchesFiniteDifferences_AndConverges()
    {
        Assert.That(_build.ExitCode, Is.Zero, "the build failed, so there is nothing to run:\n" + _build);
        ProcessResult run = _sandbox.Run("DistributedHeat", "mpirun", MpiLauncher.Arguments(Ranks, "bin/Release/net10.0/DistributedHeat.dll"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        MatchCollection checks = GradientLine().Matches(run.StandardOutput);
        Match summary = SummaryLine().Match(run.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(checks, Has.Count.EqualTo(8), "four cells of u0 and four of kappa, printed once (by rank 0):\n" + run.StandardOutput);
            foreach (Match check in checks)
            {
                double gradient = Parse(check.Groups["gradient"].Value), finiteDifference = Parse(check.Groups["fd"].Value);
                Assert.That(gradient, Is.EqualTo(finiteDifference).Within(1e-6 * Math.Max(1, Math.Abs(finiteDifference))), check.Value);
            }
            // The largest components are not zero: the halo exchange carries the derivative between ranks.
            Assert.That(checks.Select(c => Math.Abs(Parse(c.Groups["gradient"].Value))).Max(), Is.GreaterThan(0.1), run.StandardOutput);
            Assert.That(summary.Success, Is.True, run.StandardOutput);
            Assert.That(summary.Groups["ranks"].Value, Is.EqualTo(Ranks.ToString(CultureInfo.InvariantCulture)));
            Assert.That(Parse(summary.Groups["last"].Value), Is.LessThan(1e-3 * Parse(summary.Groups["first"].Value)), summary.Value);
            Assert.That(run.StandardOutput, Does.Contain("DistributedHeat: ok"));
        });
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"dJ/d(?<field>u0|kappa)\[\s*(?<cell>\d+)\] =\s*(?<gradient>\S+)\s+finite differences\s+(?<fd>\S+)\s+ok")]
    private static partial Regex GradientLine();

    [GeneratedRegex(@"(?<ranks>\d+) ranks, 64 cells, 40 steps: misfit (?<first>\S+) -> (?<last>\S+) after")]
    private static partial Regex SummaryLine();
}
