using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Checks <c>EnzymeRuntimeIdentifiers</c> before anything is compiled: every RID is one Enzyme.Sdk
/// builds for (ENZ4070), every cross target's sysroot is installed (ENZ4071, naming the apt
/// packages), and the sources' languages can be built for each (Fortran, OpenMP, MPI and Rust: the build
/// machine's RID only, ENZ4072/ENZ4073/ENZ4075/ENZ4076; CUDA: a warning for RIDs no test loads PTX on, ENZ4074).
/// Gives one project item per RID for the MSBuild task that builds the RIDs in parallel, and the
/// triple of the RID this build compiles for itself.
/// </summary>
public sealed class ResolveRuntimeTargets : Microsoft.Build.Utilities.Task
{
    /// <summary><c>EnzymeRuntimeIdentifiers</c>, normalised (no blanks, no empty entries).</summary>
    public string RuntimeIdentifiers { get; set; } = "";

    /// <summary>The build machine's RID (<c>linux-x64</c> or <c>linux-arm64</c>): it needs no sysroot and no triple.</summary>
    [Required]
    public string HostRuntimeIdentifier { get; set; } = "";

    /// <summary>The RID this evaluation of the project builds when it builds one itself.</summary>
    public string CurrentRuntimeIdentifier { get; set; } = "";

    /// <summary>Where the sysroot paths are looked up; <c>/</c> except in tests that pretend a sysroot is missing.</summary>
    public string SysrootRoot { get; set; } = "/";

    public bool HasFortran { get; set; }

    public bool HasCuda { get; set; }

    public bool HasNative { get; set; }

    public bool OpenMP { get; set; }

    public bool Mpi { get; set; }

    public bool HasRust { get; set; }

    /// <summary>The project being built: each output item builds it again, for one RID.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>One item per RID: the project file, with <c>AdditionalProperties</c> naming the RID and its triple.</summary>
    [Output]
    public ITaskItem[] RuntimeBuilds { get; set; } = [];

    /// <summary>The clang triple of <see cref="CurrentRuntimeIdentifier"/>; empty for the build machine's own RID.</summary>
    [Output]
    public string CurrentTargetTriple { get; set; } = "";

    public override bool Execute()
    {
        string[] identifiers = RuntimeIdentifiers.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
        if (identifiers.Length == 0)
        {
            LogError(DiagnosticCodes.UnsupportedRuntimeIdentifier, $"EnzymeRuntimeIdentifiers is empty. Set it to one or more of {SupportedList()}, or remove it (default: the build machine's, {HostRuntimeIdentifier}).");
            return false;
        }
        var builds = new List<ITaskItem>();
        foreach (string identifier in identifiers)
        {
            RuntimeTarget? target = RuntimeTarget.Find(identifier);
            if (target is null)
            {
                LogError(DiagnosticCodes.UnsupportedRuntimeIdentifier,
                    $"EnzymeRuntimeIdentifiers names '{identifier}', which Enzyme.Sdk does not build for. Use {SupportedList()} (';'-separated).");
                continue;
            }
            bool isHost = identifier == HostRuntimeIdentifier;
            if (!isHost)
            {
                CheckCrossTarget(target);
            }
            string triple = isHost ? "" : target.Triple;
            if (identifier == CurrentRuntimeIdentifier)
            {
                CurrentTargetTriple = triple;
            }
            var build = new TaskItem(MSBuildEscaping.Escape(ProjectFile));
            build.SetMetadata("RuntimeIdentifier", identifier);
            build.SetMetadata("AdditionalProperties",
                $"_EnzymeInnerRuntimeBuild=true;_EnzymeRuntimeIdentifier={identifier};_EnzymeTargetTriple={triple}");
            builds.Add(build);
        }
        RuntimeBuilds = [.. builds];
        return !Log.HasLoggedErrors;
    }

    private void CheckCrossTarget(RuntimeTarget target)
    {
        string id = target.RuntimeIdentifier;
        if (HasNative)
        {
            string[] missing = target.SysrootFiles.Where(file => !File.Exists(Path.Combine(SysrootRoot, file.TrimStart('/')))).ToArray();
            if (missing.Length > 0)
            {
                LogError(DiagnosticCodes.CrossSysrootMissing,
                    $"Building for {id} ({target.Triple}) needs its sysroot, and {string.Join(", ", missing)} {(missing.Length == 1 ? "is" : "are")} missing. " +
                    $"Install it with: apt-get install -y --no-install-recommends {target.AptPackages} (or run build/llvm-toolchain.sh --cross {id} as root), or remove {id} from EnzymeRuntimeIdentifiers.");
            }
        }
        if (HasFortran)
        {
            LogError(DiagnosticCodes.FortranRuntimeIdentifier,
                $"Fortran sources are built for the build machine's RID only ({HostRuntimeIdentifier}): LLVM 22's Fortran runtime is installed for it alone, so there is none to link into a {id} library. " +
                $"Remove {id} from EnzymeRuntimeIdentifiers, or move the Fortran sources to a project built for {HostRuntimeIdentifier}.");
        }
        if (OpenMP)
        {
            LogError(DiagnosticCodes.OpenMpRuntimeIdentifier,
                $"EnzymeOpenMP is supported for the build machine's RID only ({HostRuntimeIdentifier}): libomp is installed for it alone, so there is none to link into a {id} library. " +
                $"Remove {id} from EnzymeRuntimeIdentifiers, or set EnzymeOpenMP to false.");
        }
        if (Mpi)
        {
            LogError(DiagnosticCodes.MpiRuntimeIdentifier,
                $"EnzymeMPI is supported for the build machine's RID only ({HostRuntimeIdentifier}): Open MPI's headers and libmpi are installed for it alone, so there is none to link into a {id} library. " +
                $"Remove {id} from EnzymeRuntimeIdentifiers, or set EnzymeMPI to false.");
        }
        if (HasRust)
        {
            LogError(DiagnosticCodes.RustRuntimeIdentifier,
                $"Rust sources are built for the build machine's RID only ({HostRuntimeIdentifier}): rustc's standard library is installed for it alone, so there is none to link into a {id} library. " +
                $"Remove {id} from EnzymeRuntimeIdentifiers, or move the Rust sources to a project built for {HostRuntimeIdentifier}.");
        }
        if (HasCuda)
        {
            Log.LogWarning(null, DiagnosticCodes.CudaRuntimeIdentifier, null, ProjectFile, 0, 0, 0, 0, "{0}",
                $"The CUDA sources' PTX is the same for every RID and is embedded in the assembly, but Enzyme.Cuda's launchers are tested on linux-x64 only; on {id} they load " +
                $"{(target.IsWindows ? "nvcuda.dll" : "libcuda.so.1")} untested. Add ENZ4074 to MSBuildWarningsAsMessages to accept that, or remove {id} from EnzymeRuntimeIdentifiers.");
        }
    }

    private static string SupportedList() => string.Join(", ", RuntimeTarget.Supported.Select(target => target.RuntimeIdentifier));

    private void LogError(string code, string message) =>
        Log.LogError(null, code, null, ProjectFile, 0, 0, 0, 0, "{0}", message);
}
