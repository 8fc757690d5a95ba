using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// The version a <c>clang</c> reports (<c>clang --version</c>: "Debian clang version 22.1.8 (…)").
/// Probed once per clang binary and modification time per MSBuild process: the toolchain is
/// resolved on every build, and a reused node should not start clang each time.
/// </summary>
public sealed partial record ClangVersion(int? Major, string Text, string Description)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly ConcurrentDictionary<(string Path, DateTime Modified), ClangVersion> Cache = new();

    public static ClangVersion Probe(string clang)
    {
        DateTime modified = File.GetLastWriteTimeUtc(clang);
        return Cache.GetOrAdd((clang, modified), key => Run(key.Path));
    }

    private static ClangVersion Run(string clang)
    {
        var start = new ProcessStartInfo(clang)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--version");
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("no process");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new ClangVersion(null, "", $"'{clang} --version' did not finish within {Timeout.TotalSeconds:F0} s");
            }
            string output = stdout.Result + stderr.Result;
            string firstLine = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
            Match match = VersionLine().Match(output);
            if (process.ExitCode != 0 || !match.Success)
            {
                return new ClangVersion(null, "", $"'{clang} --version' exited with code {process.ExitCode} and printed '{firstLine}'");
            }
            int major = int.Parse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            return new ClangVersion(major, match.Groups["version"].Value, firstLine);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ClangVersion(null, "", $"'{clang}' could not be run: {e.Message}");
        }
    }

    [GeneratedRegex(@"clang version (?<version>(?<major>\d+)(\.\d+)*)")]
    private static partial Regex VersionLine();
}
