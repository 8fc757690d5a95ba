using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// What <c>rustc --version --verbose</c> reports: the release and the major version of the LLVM it was built
/// with, which decides whether the engine (LLVM 22) can read its bitcode. Probed once per binary and
/// modification time per MSBuild process, like <see cref="ClangVersion"/>.
/// </summary>
public sealed partial record RustcVersion(string Release, int? LlvmMajor, string LlvmVersion, string Description)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<(string Path, DateTime Modified), RustcVersion> Cache = new();

    /// <summary>Whether the probe ran and printed a release line.</summary>
    public bool Ran => Release.Length > 0;

    public static RustcVersion Probe(string rustc)
    {
        DateTime modified = File.GetLastWriteTimeUtc(rustc);
        return Cache.GetOrAdd((rustc, modified), key => Run(key.Path));
    }

    /// <summary>Reads the output of <c>rustc --version --verbose</c>.</summary>
    public static RustcVersion Parse(string output)
    {
        string firstLine = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        Match release = ReleaseLine().Match(output);
        Match llvm = LlvmLine().Match(output);
        return new RustcVersion(
            release.Success ? release.Groups["release"].Value : "",
            llvm.Success ? int.Parse(llvm.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : null,
            llvm.Success ? llvm.Groups["version"].Value : "",
            firstLine);
    }

    private static RustcVersion Run(string rustc)
    {
        var start = new ProcessStartInfo(rustc)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--version");
        start.ArgumentList.Add("--verbose");
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("no process");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return new RustcVersion("", null, "", $"'{rustc} --version --verbose' did not finish within {Timeout.TotalSeconds:F0} s");
            }
            RustcVersion version = Parse(stdout.Result + stderr.Result);
            return process.ExitCode == 0 && version.Ran
                ? version
                : new RustcVersion("", null, "", $"'{rustc} --version --verbose' exited with code {process.ExitCode} and printed '{version.Description}'");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new RustcVersion("", null, "", $"'{rustc}' could not be run: {e.Message}");
        }
    }

    [GeneratedRegex(@"^release:\s*(?<release>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"^LLVM version:\s*(?<version>(?<major>\d+)(\.\d+)*)", RegexOptions.Multiline)]
    private static partial Regex LlvmLine();
}
