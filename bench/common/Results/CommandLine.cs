namespace Bench.Common;

/// <summary>The benchmark's only option: <c>--out &lt;file&gt;</c> overrides where the results go.</summary>
public static class CommandLine
{
    public static string? OutputPath(string[] args)
    {
        int index = Array.IndexOf(args, "--out");
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
