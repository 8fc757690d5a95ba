using System.Security;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>
/// A temp folder to build projects in, isolated from the machine: its own NuGet cache
/// (NUGET_PACKAGES), a nuget.config with the repository's Enzyme.Sdk feed, a folder feed of its
/// own (for packages the test packs) and nuget.org, and no MSBuild node reuse, so nothing a test
/// builds outlives it or leaks into another test.
/// </summary>
public sealed class DotnetSandbox : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly TemporaryDirectory _directory;
    private readonly string[] _localPackagePatterns;

    /// <param name="purpose">Goes into the folder name, to tell leftovers apart.</param>
    /// <param name="localPackagePatterns">Package ids (NuGet patterns) served from <see cref="LocalFeed"/>.</param>
    public DotnetSandbox(string purpose, params string[] localPackagePatterns)
    {
        string sdkVersion = EnzymeSdkPackage.Version;
        _directory = new TemporaryDirectory(purpose);
        Directory.CreateDirectory(LocalFeed);
        Directory.CreateDirectory(PackageCache);
        _localPackagePatterns = localPackagePatterns;
        File.WriteAllText(PathOf("nuget.config"), NuGetConfig(localPackagePatterns));
        EnzymeSdkVersion = sdkVersion;
    }

    public string Root => _directory.Path;

    /// <summary>The Enzyme.Sdk version projects in this sandbox reference.</summary>
    public string EnzymeSdkVersion { get; }

    public string LocalFeed => PathOf("feed");

    /// <summary>
    /// Lets restore take packages from <paramref name="folder"/> (a NuGet fallback folder, e.g. the
    /// user's ~/.nuget/packages) instead of extracting them into this sandbox's cache: for large
    /// packages such as TorchSharp that every test of a fixture needs. Packages not there still go to
    /// <see cref="PackageCache"/>.
    /// </summary>
    public void UseFallbackPackageFolder(string folder) =>
        File.WriteAllText(PathOf("nuget.config"), NuGetConfig(_localPackagePatterns)
            .Replace("</packageSources>", $"</packageSources>\n  <fallbackPackageFolders>\n    <add key=\"shared\" value=\"{SecurityElement.Escape(folder)}\" />\n  </fallbackPackageFolders>", StringComparison.Ordinal));

    public string PackageCache => PathOf(".nuget-packages");

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public string WriteFile(string relativePath, string contents)
    {
        string path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, contents);
        return path;
    }

    /// <summary>
    /// Copies a project tree from the repository, leaving out build outputs and the repository's
    /// nuget.config files (their relative feed paths only work in place; the sandbox has its own).
    /// </summary>
    public void CopyFromRepository(string sourceDirectory, string relativeDestination)
    {
        string destinationRoot = PathOf(relativeDestination);
        foreach (string file in Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(sourceDirectory, file);
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(part => part is "bin" or "obj") || Path.GetFileName(relative).Equals("nuget.config", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            string destination = Path.Combine(destinationRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>Runs <c>dotnet</c> in <paramref name="relativeWorkingDirectory"/> with the sandbox's environment.</summary>
    public ProcessResult Dotnet(string relativeWorkingDirectory, params string[] arguments) =>
        ProcessRunner.Run(DotnetExecutable(), arguments, PathOf(relativeWorkingDirectory), Environment(), CommandTimeout);

    /// <summary>Runs <paramref name="program"/> in <paramref name="relativeWorkingDirectory"/> with the sandbox's environment (<c>mpirun</c> of a built program).</summary>
    public ProcessResult Run(string relativeWorkingDirectory, string program, params string[] arguments) =>
        ProcessRunner.Run(program, arguments, PathOf(relativeWorkingDirectory), Environment(), CommandTimeout);

    /// <summary>The <c>dotnet</c> executable the sandbox runs.</summary>
    public static string DotnetHost => DotnetExecutable();

    /// <summary><c>dotnet build</c> at normal verbosity, so tool command lines show in the output.</summary>
    public ProcessResult Build(string relativeWorkingDirectory, params string[] extraArguments) =>
        Dotnet(relativeWorkingDirectory, ["build", "-nologo", "-v:n", .. extraArguments]);

    public void Dispose() => _directory.Dispose();

    private IReadOnlyDictionary<string, string?> Environment() => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackageCache,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        // The programs print numbers with the current culture; the tests parse them invariantly.
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        // Reused MSBuild nodes would keep the sandbox's task assembly loaded after the test.
        ["MSBUILDDISABLENODEREUSE"] = "1",
        // Set by `dotnet test` for its own MSBuild; a child build must find its own.
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
    };

    /// <summary>The dotnet that runs the tests (DOTNET_HOST_PATH under `dotnet test`), else the one on PATH.</summary>
    private static string DotnetExecutable() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private string NuGetConfig(string[] localPackagePatterns)
    {
        string Escape(string text) => SecurityElement.Escape(text);
        string localFeedSource = localPackagePatterns.Length == 0 ? "" : $"""
                <add key="sandbox-feed" value="{Escape(LocalFeed)}" />
            """;
        string localFeedMapping = localPackagePatterns.Length == 0 ? "" : $"""
                <packageSource key="sandbox-feed">
                  {string.Join("\n      ", localPackagePatterns.Select(pattern => $"<package pattern=\"{Escape(pattern)}\" />"))}
                </packageSource>
            """;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="enzyme-sdk" value="{Escape(RepositoryLayout.PackagesFolder)}" />
            {localFeedSource}
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="enzyme-sdk">
                  <package pattern="Enzyme.Sdk" />
                  <package pattern="Enzyme.Cuda" />
                </packageSource>
            {localFeedMapping}
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }
}
