using System.Diagnostics;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>
/// A <c>dotnet build</c> started in a sandbox without waiting for it, so that a test can kill it
/// midway. Same environment as <see cref="DotnetSandbox.Build"/> (own NuGet cache, no node reuse,
/// so killing the process tree ends every MSBuild node and tool the build started).
/// </summary>
public sealed class BackgroundBuild : IDisposable
{
    private readonly Process _process;

    public BackgroundBuild(DotnetSandbox sandbox, string relativeWorkingDirectory)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = sandbox.PathOf(relativeWorkingDirectory),
        };
        foreach (string argument in new[] { "build", "-nologo", "-v:n" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NUGET_PACKAGES"] = sandbox.PackageCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (string inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(inherited);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet build");
        // Drained so that a full pipe never blocks the build before the test kills it.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the build and every process under it (MSBuild nodes, clang, enzyme-ad) and waits until it is gone.</summary>
    public void KillProcessTree()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// Waits for a running process whose command line contains every one of <paramref name="fragments"/>
    /// (read from /proc) and returns its id, or null when the build ended or the time ran out first.
    /// </summary>
    public static int? WaitForProcess(Func<bool> buildEnded, TimeSpan timeout, params string[] fragments)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !buildEnded())
        {
            foreach (string directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out int pid))
                {
                    continue;
                }
                string commandLine;
                try
                {
                    commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    continue; // exited meanwhile
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }
                if (fragments.All(fragment => commandLine.Contains(fragment, StringComparison.Ordinal)))
                {
                    return pid;
                }
            }
            Thread.Sleep(25);
        }
        return null;
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillProcessTree();
        }
        _process.Dispose();
    }
}
