namespace GmmBench;

/// <summary>
/// Finds bench/ from the program's own location (bench/gmm/bin/Release/net10.0/), so the
/// benchmark reads its inputs and writes its results in the same place whatever the working
/// directory <c>dotnet run</c> was started from.
/// </summary>
public static class BenchPaths
{
    /// <summary>The file that marks bench/: every benchmark's native code includes it.</summary>
    private const string Marker = "common/adbench_timing.h";

    public static string BenchDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds {Marker}");
    }
}
