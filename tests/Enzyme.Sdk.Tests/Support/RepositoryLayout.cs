namespace Enzyme.Sdk.Tests.Support;

/// <summary>Where the repository, its samples and the freshly packed Enzyme.Sdk live.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string PackagesFolder => Path.Combine(RepositoryRoot, "artifacts", "packages");

    public static string Sample(string name) => Path.Combine(RepositoryRoot, "samples", name);

    /// <summary>The test assembly runs from tests/Enzyme.Sdk.Tests/bin/...; the root is the folder holding Enzyme.Sdk.sln.</summary>
    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Enzyme.Sdk.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no Enzyme.Sdk.sln above {AppContext.BaseDirectory}");
    }
}
