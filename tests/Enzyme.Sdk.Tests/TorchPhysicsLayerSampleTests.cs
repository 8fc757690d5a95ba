using System.Globalization;
using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/TorchPhysicsLayer builds against the packed SDK and runs: Adam, through the generated TorchSharp
/// layer of the C oscillator, recovers the stiffness and damping and lowers the loss a hundredfold, and the
/// generated gradient check passes at the fitted point. TorchSharp comes from the user's NuGet folder and
/// libtorch is hard-linked into the output, as in <see cref="TorchLayerRuntimeTests"/>.
/// </summary>
[TestFixture]
public sealed class TorchPhysicsLayerSampleTests
{
    private static string SharedPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Test]
    public void Sample_RunsAndItsLossFallsAHundredfold()
    {
        using var sandbox = new DotnetSandbox("torch-physics");
        sandbox.UseFallbackPackageFolder(SharedPackages);
        sandbox.CopyFromRepository(RepositoryLayout.Sample("TorchPhysicsLayer"), "TorchPhysicsLayer");

        ProcessResult run = sandbox.Dotnet("TorchPhysicsLayer", "run", "-p:CreateHardLinksForCopyLocalIfPossible=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Match fitted = Regex.Match(run.StandardOutput,
            @"^fitted k (?<k>\S+) \(true 4\.0\), c (?<c>\S+) \(true 0\.3\); loss (?<first>\S+) -> (?<last>\S+)$", RegexOptions.Multiline);
        Assert.That(fitted.Success, Is.True, run.ToString());
        double Value(string group) => double.Parse(fitted.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(Value("last"), Is.LessThan(Value("first") / 100), "loss fell a hundredfold");
            Assert.That(Value("k"), Is.EqualTo(4.0).Within(0.02), "stiffness");
            Assert.That(Value("c"), Is.EqualTo(0.3).Within(0.02), "damping");
            Assert.That(run.StandardOutput, Does.Contain("oscillator_loss_grad of oscillator_loss: passed"));
        });
    }
}
