namespace Enzyme.Sdk.Tests.Support;

/// <summary>
/// <c>mpirun</c> arguments for running a built .NET program on several ranks: <c>--oversubscribe</c> (CI machines have
/// fewer cores than ranks) and, only when the tests run as root (containers, CI), <c>--allow-run-as-root</c>,
/// which Open MPI otherwise refuses.
/// </summary>
public static class MpiLauncher
{
    public static string[] Arguments(int ranks, string assembly) =>
    [
        .. Environment.UserName == "root" || IsRoot() ? new[] { "--allow-run-as-root" } : [],
        "--oversubscribe", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DotnetSandbox.DotnetHost, assembly,
    ];

    private static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").Any(line => line.StartsWith("Uid:", StringComparison.Ordinal) && line.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0");
}
