using System.Globalization;
using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>samples/Rosenbrock, the flagship sample, builds against the packed SDK, checks its gradient and converges.</summary>
[TestFixture]
public sealed class RosenbrockSampleTests
{
    [Test]
    public void Sample_PassesItsGradientCheck_AndReachesTheMinimum()
    {
        using var sandbox = new DotnetSandbox("rosenbrock");
        sandbox.CopyFromRepository(RepositoryLayout.Sample("Rosenbrock"), "Rosenbrock");

        ProcessResult run = sandbox.Dotnet("Rosenbrock", "run", "-c", "Release");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Match check = Regex.Match(run.StandardOutput, @"relative error (?<error>\S+)");
        Match final = Regex.Match(run.StandardOutput, @"^final: .* f = (?<value>\S+?), .*max \|x_i - 1\| = (?<distance>\S+)$", RegexOptions.Multiline);
        Assert.Multiple(() =>
        {
            Assert.That(check.Success && final.Success, Is.True, run.ToString());
            Assert.That(double.Parse(check.Groups["error"].Value, CultureInfo.InvariantCulture), Is.LessThan(1e-6), "gradient vs central difference");
            Assert.That(double.Parse(final.Groups["value"].Value, CultureInfo.InvariantCulture), Is.LessThan(1e-10), "final f");
            Assert.That(double.Parse(final.Groups["distance"].Value, CultureInfo.InvariantCulture), Is.LessThan(1e-6), "max |x_i - 1|");
        });
        string bindings = File.ReadAllText(BuildOutputs.Single(sandbox.PathOf("Rosenbrock/obj"), "Rosen.g.cs"));
        Assert.That(bindings, Does.Contain("namespace Rosenbrock.Native"));
    }
}
