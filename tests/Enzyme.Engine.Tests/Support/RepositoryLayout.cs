namespace Enzyme.Engine.Tests.Support;

/// <summary>Where the repository's own files (corpus, samples, SDK headers) are, found from the test binaries.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Enzyme.Sdk.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"Enzyme.Sdk.sln not found above {AppContext.BaseDirectory}");
    }
}
