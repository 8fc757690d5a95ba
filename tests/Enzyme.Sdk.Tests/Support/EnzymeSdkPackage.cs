using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>The Enzyme.Sdk package under test: the newest Enzyme.Sdk.*.nupkg in artifacts/packages.</summary>
public static partial class EnzymeSdkPackage
{
    private static readonly Lazy<string?> LatestVersion = new(FindVersion);

    /// <summary>
    /// The package version, or a failed test (never a skipped one): these tests exist to check the
    /// package, so running without it must not look like success.
    /// </summary>
    public static string Version => LatestVersion.Value ?? throw new AssertionException(
        $"Enzyme.Sdk is not packed: no Enzyme.Sdk.*.nupkg in {RepositoryLayout.PackagesFolder}. " +
        "Run ./build.sh (or ./build.sh test, which packs before testing) first.");

    private static string? FindVersion()
    {
        if (!Directory.Exists(RepositoryLayout.PackagesFolder))
        {
            return null;
        }
        // The newest file wins, so a stale package of another version left behind by an older
        // build is not what gets tested.
        return new DirectoryInfo(RepositoryLayout.PackagesFolder)
            .EnumerateFiles("Enzyme.Sdk.*.nupkg")
            .Where(file => !file.Name.EndsWith(".symbols.nupkg", StringComparison.OrdinalIgnoreCase))
            .Select(file => (file, match: PackageFileName().Match(file.Name)))
            .Where(candidate => candidate.match.Success)
            .OrderByDescending(candidate => candidate.file.LastWriteTimeUtc)
            .Select(candidate => candidate.match.Groups["version"].Value)
            .FirstOrDefault();
    }

    /// <summary>Enzyme.Sdk.1.2.3.nupkg or Enzyme.Sdk.1.2.3-dev.4.nupkg (not Enzyme.Sdk.Something.1.0.0).</summary>
    [GeneratedRegex(@"^Enzyme\.Sdk\.(?<version>\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)\.nupkg$", RegexOptions.IgnoreCase)]
    private static partial Regex PackageFileName();
}
