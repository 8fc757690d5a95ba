using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// With <c>EnzymeOpenMP=true</c>: finds the OpenMP runtime the linked <c>lib&lt;Name&gt;.so</c> needs (its
/// <c>DT_NEEDED</c> entry starting with <c>libomp</c>, read with <c>llvm-readelf --needed-libs</c>), where the link
/// took it from (the toolchain's <c>lib/</c>, which <c>clang -fopenmp</c> searches), and whether the dynamic loader
/// finds that name without help (<c>ldconfig -p</c>: a system library). When it does not (<c>Mode</c> <c>auto</c>),
/// or always (<c>pack</c>), the runtime is copied into <see cref="StagingDirectory"/> under its soname; the SDK
/// copies it beside the library and packs it into <c>runtimes/&lt;rid&gt;/native</c>, and the library's
/// <c>RUNPATH $ORIGIN</c> makes the loader take it from there. <c>system</c> never copies.
/// </summary>
public sealed class ResolveOpenMPRuntime : Microsoft.Build.Utilities.Task
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Required]
    public string LibraryFile { get; set; } = "";

    [Required]
    public string LlvmRoot { get; set; } = "";

    [Required]
    public string StagingDirectory { get; set; } = "";

    /// <summary><c>auto</c>, <c>pack</c> or <c>system</c> (<c>EnzymeOpenMPRuntime</c>).</summary>
    public string Mode { get; set; } = "auto";

    public string ProjectFile { get; set; } = "";

    /// <summary>The staged copy, when the runtime is packed; empty otherwise.</summary>
    [Output]
    public ITaskItem[] PackedRuntime { get; set; } = [];

    public override bool Execute()
    {
        string mode = Mode.Trim().ToLowerInvariant();
        if (mode is not ("auto" or "pack" or "system"))
        {
            Log.LogError(null, DiagnosticCodes.InvalidProperty, null, ProjectFile, 0, 0, 0, 0,
                $"EnzymeOpenMPRuntime '{Mode}' is not 'auto', 'pack' or 'system'.");
            return false;
        }
        string? needed = Run(Path.Combine(LlvmRoot, "bin", "llvm-readelf"), "--needed-libs", LibraryFile)?
            .Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("libomp", StringComparison.Ordinal));
        if (needed is null)
        {
            // Linked with -fopenmp but no runtime call survived (or another runtime): nothing to ship.
            ClearStaging();
            Log.LogMessage(MessageImportance.Normal, $"Enzyme.Sdk: {Path.GetFileName(LibraryFile)} needs no libomp.");
            return true;
        }
        string? system = SystemLibraryPath(needed);
        string linked = Path.Combine(LlvmRoot, "lib", needed);
        string? source = File.Exists(linked) ? RealPath(linked) : system is null ? null : RealPath(system);
        bool pack = mode == "pack" || (mode == "auto" && system is null);
        if (!pack)
        {
            ClearStaging();
            Log.LogMessage(MessageImportance.High,
                $"Enzyme.Sdk: {needed} is {(system is null ? "not a system library" : $"a system library ({system} -> {RealPath(system)})")}; not packed (EnzymeOpenMPRuntime={mode}).");
            return true;
        }
        if (source is null)
        {
            Log.LogError(null, DiagnosticCodes.OpenMPRuntimeNotFound, null, ProjectFile, 0, 0, 0, 0,
                $"{Path.GetFileName(LibraryFile)} needs {needed}, which is neither in {Path.Combine(LlvmRoot, "lib")} nor known to the dynamic loader (ldconfig -p), so it cannot be packed. Install libomp-22-dev (build/llvm-toolchain.sh), or set EnzymeOpenMPRuntime=system to ship without it.");
            return false;
        }
        Directory.CreateDirectory(StagingDirectory);
        string staged = Path.Combine(StagingDirectory, needed);
        if (!File.Exists(staged) || File.GetLastWriteTimeUtc(staged) != File.GetLastWriteTimeUtc(source) || new FileInfo(staged).Length != new FileInfo(source).Length)
        {
            File.Copy(source, staged, overwrite: true);
            File.SetLastWriteTimeUtc(staged, File.GetLastWriteTimeUtc(source));
        }
        string why = system is null ? "is not a system library" : "is packed on request (EnzymeOpenMPRuntime=pack)";
        Log.LogMessage(MessageImportance.High,
            $"Enzyme.Sdk: {needed} ({source}) {why}: copied beside {Path.GetFileName(LibraryFile)}, which finds it through its RUNPATH $ORIGIN.");
        PackedRuntime = [new TaskItem(staged)];
        return true;
    }

    private void ClearStaging()
    {
        if (Directory.Exists(StagingDirectory))
        {
            Directory.Delete(StagingDirectory, recursive: true);
        }
    }

    /// <summary>Where the dynamic loader's cache (<c>ldconfig -p</c>) finds <paramref name="soname"/> for x86-64; null when it does not.</summary>
    private static string? SystemLibraryPath(string soname)
    {
        string? ldconfig = new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig" }.FirstOrDefault(File.Exists);
        string? cache = ldconfig is null ? null : Run(ldconfig, "-p");
        foreach (string line in (cache ?? "").Split('\n'))
        {
            // "\tlibomp.so.5 (libc6,x86-64) => /lib/x86_64-linux-gnu/libomp.so.5"
            string trimmed = line.Trim();
            int arrow = trimmed.IndexOf("=>", StringComparison.Ordinal);
            if (arrow > 0 && trimmed.StartsWith(soname + " ", StringComparison.Ordinal) && trimmed.Contains("x86-64", StringComparison.Ordinal))
            {
                string path = trimmed[(arrow + 2)..].Trim();
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        return null;
    }

    private static string RealPath(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static string? Run(string program, params string[] arguments)
    {
        if (!File.Exists(program))
        {
            return null;
        }
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            return null;
        }
        _ = stderr.Result;
        return process.ExitCode == 0 ? stdout.Result : null;
    }
}
