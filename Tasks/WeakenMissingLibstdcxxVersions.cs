using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Lets a prebuilt native library built against a newer libstdc++ load on an older one when the versions
/// it lacks are only named, never bound: for each library, the <c>libstdc++.so.6</c> versions it needs
/// that the host's libstdc++ does not define are marked <c>VER_FLG_WEAK</c> in <c>.gnu.version_r</c>, so
/// glibc's loader no longer refuses the library. That is safe only when no relocation binds a symbol of
/// such a version (the loader would then look the symbol up and fail, or worse); otherwise ENZ4052.
/// The case it exists for: TorchSharp 0.107's <c>libLibTorchSharp.so</c>, built with GCC 13, needs
/// <c>GLIBCXX_3.4.32</c> only for <c>_ZSt21ios_base_library_initv</c>, a reference GCC 13's
/// <c>&lt;iostream&gt;</c> plants without any relocation; Debian 12's libstdc++ (GCC 12) stops at 3.4.30.
/// A library that needs nothing missing is not written. The patched file replaces the given path with a
/// new file (never written through, so a hard link or symbolic link into the NuGet cache stays untouched).
/// </summary>
public sealed class WeakenMissingLibstdcxxVersions : Microsoft.Build.Utilities.Task
{
    private const string LibstdcxxFile = "libstdc++.so.6";

    /// <summary>The copies to patch in place (the application's output, never a package cache).</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = [];

    /// <summary>The libstdc++ the application will load; empty: the one this (MSBuild) process has loaded.</summary>
    public string HostLibstdcxx { get; set; } = "";

    /// <summary>The libraries that were rewritten.</summary>
    [Output]
    public ITaskItem[] WeakenedLibraries { get; set; } = [];

    public override bool Execute()
    {
        string host = HostLibstdcxx.Length > 0 ? HostLibstdcxx : LoadedLibstdcxx() ?? "";
        if (host.Length == 0 || !File.Exists(host))
        {
            Log.LogMessage(MessageImportance.Normal, "Enzyme.Sdk: no libstdc++ found in this process; TorchSharp's native library is left as it is.");
            return true;
        }
        IReadOnlySet<string> hostVersions;
        try
        {
            hostVersions = new ElfSharedObject(File.ReadAllBytes(host)).DefinedVersions();
        }
        catch (InvalidDataException e)
        {
            Log.LogError(null, DiagnosticCodes.LibstdcxxCompatibilityFailed, null, host, 0, 0, 0, 0,
                $"cannot read the versions that '{host}' defines: {e.Message}. Set EnzymeTorchSharpGlibcxxCompat=false to skip the compatibility step.");
            return false;
        }
        var weakened = new List<ITaskItem>();
        foreach (ITaskItem library in Libraries)
        {
            if (Weaken(library.GetMetadata("FullPath"), host, hostVersions))
            {
                weakened.Add(library);
            }
        }
        WeakenedLibraries = [.. weakened];
        return !Log.HasLoggedErrors;
    }

    private bool Weaken(string path, string host, IReadOnlySet<string> hostVersions)
    {
        byte[] bytes;
        List<ElfVersionRequirement> missing;
        IReadOnlySet<ushort> relocated;
        try
        {
            bytes = File.ReadAllBytes(path);
            var library = new ElfSharedObject(bytes);
            missing = [.. library.RequiredVersions().Where(r => r.File == LibstdcxxFile && !r.IsWeak && !hostVersions.Contains(r.Version))];
            relocated = missing.Count > 0 ? library.RelocatedVersionIndexes() : new HashSet<ushort>();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            Log.LogError(null, DiagnosticCodes.LibstdcxxCompatibilityFailed, null, path, 0, 0, 0, 0,
                $"cannot read the symbol versions of '{path}': {e.Message}. Set EnzymeTorchSharpGlibcxxCompat=false to skip the compatibility step.");
            return false;
        }
        if (missing.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"Enzyme.Sdk: '{path}' needs no {LibstdcxxFile} version that '{host}' lacks; left as it is.");
            return false;
        }
        string names = string.Join(", ", missing.Select(r => r.Version));
        if (missing.FirstOrDefault(r => relocated.Contains(r.Index)) is { } bound)
        {
            Log.LogError(null, DiagnosticCodes.LibstdcxxCompatibilityFailed, null, path, 0, 0, 0, 0,
                $"'{path}' needs {bound.Version} of {LibstdcxxFile}, which '{host}' lacks, and binds symbols of that version through relocations, so marking it weak cannot make it load. Run on a host whose libstdc++ comes from a newer GCC (Ubuntu 24.04, Debian 13), or set EnzymeTorchSharpGlibcxxCompat=false.");
            return false;
        }
        foreach (ElfVersionRequirement requirement in missing)
        {
            ushort flags = (ushort)(requirement.Flags | ElfVersionRequirement.WeakFlag);
            bytes[requirement.FlagsOffset] = (byte)flags;
            bytes[requirement.FlagsOffset + 1] = (byte)(flags >> 8);
        }
        string temporary = path + ".enzyme-tmp";
        File.WriteAllBytes(temporary, bytes);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        }
        File.Move(temporary, path, overwrite: true);
        Log.LogMessage(MessageImportance.Normal,
            $"Enzyme.Sdk: '{path}' needs {names} of {LibstdcxxFile}, which '{host}' lacks; marked weak (no relocation binds a symbol of {(missing.Count == 1 ? "it" : "them")}).");
        return true;
    }

    /// <summary>The libstdc++ mapped into this process: the one the dynamic loader picks on this host.</summary>
    private static string? LoadedLibstdcxx()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0 ? line[slash..] : "")
            .FirstOrDefault(file => Path.GetFileName(file).StartsWith("libstdc++.so", StringComparison.Ordinal));
    }
}
