using System.Diagnostics;
using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// <c>EnzymeMPI=true</c>: asks Open MPI's compiler wrapper (<c>EnzymeMpiCompiler</c>, default <c>mpicc</c>) for
/// the flags it would give its compiler: <c>-showme:incdirs</c> for every source (and the bindings, which
/// parse the C sources), the rest of <c>-showme:compile</c> for C and C++ sources (flang reads <c>mpif.h</c>
/// but not the <c>mpi</c> module gfortran built, so only the include folders are useful to it), and
/// <c>-showme:link</c> for the library. Only Open MPI: the engine recognises its
/// handle globals (docs/mpi.md), and <c>-showme</c> is Open MPI's option, so MPICH's wrapper fails here too.
/// A missing or failing wrapper is ENZ4015, naming the packages to install.
/// </summary>
public sealed class ResolveMpiToolchain : Microsoft.Build.Utilities.Task
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The wrapper to ask: a path, or a name on <c>PATH</c>.</summary>
    public string Compiler { get; set; } = "mpicc";

    /// <summary>The project being built, named by the error.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>Options for clang and clang++ other than include folders (<c>-pthread</c> on some installations; often none).</summary>
    [Output]
    public string CompileOptions { get; set; } = "";

    /// <summary>The include folders (<c>-showme:incdirs</c>): every source's, and the bindings' libclang's (one per element, so that a property gets them <c>;</c>-separated).</summary>
    [Output]
    public string[] IncludeDirectories { get; set; } = [];

    /// <summary>Options for the linker driver (<c>-L… -lmpi</c>).</summary>
    [Output]
    public string LinkOptions { get; set; } = "";

    public override bool Execute()
    {
        string compiler = string.IsNullOrWhiteSpace(Compiler) ? "mpicc" : Compiler.Trim();
        string? version = Query(compiler, "-showme:version", out string problem);
        if (version is null || !version.Contains("Open MPI", StringComparison.OrdinalIgnoreCase))
        {
            string found = version is null ? problem : $"'{compiler} -showme:version' printed '{version.Trim()}', not Open MPI's version";
            Log.LogError(null, DiagnosticCodes.MpiNotFound, null, ProjectFile.Length > 0 ? ProjectFile : null, 0, 0, 0, 0,
                "{0}", $"EnzymeMPI is true, but Open MPI's compiler wrapper was not found: {found}. Install Open MPI with: {DiagnosticCodes.MpiInstallCommand} " +
                       "(or run build/mpi-toolchain.sh from the Enzyme.Sdk repository), or set EnzymeMpiCompiler to Open MPI's mpicc. MPICH is not supported (docs/mpi.md).");
            return false;
        }
        string? compile = Query(compiler, "-showme:compile", out problem);
        string? includes = compile is null ? null : Query(compiler, "-showme:incdirs", out problem);
        string? link = includes is null ? null : Query(compiler, "-showme:link", out problem);
        if (compile is null || includes is null || link is null)
        {
            Log.LogError(null, DiagnosticCodes.MpiNotFound, null, ProjectFile.Length > 0 ? ProjectFile : null, 0, 0, 0, 0,
                "{0}", $"EnzymeMPI is true, but Open MPI's wrapper did not give its flags: {problem}. Reinstall Open MPI with: {DiagnosticCodes.MpiInstallCommand}.");
            return false;
        }
        CompileOptions = string.Join(" ", ShellWordSplitter.Split(compile).Where(o => !o.StartsWith("-I", StringComparison.Ordinal)));
        IncludeDirectories = [.. ShellWordSplitter.Split(includes)];
        LinkOptions = link.Trim();
        Log.LogMessage(MessageImportance.Low, "Enzyme: Open MPI ({0}): compile '{1}', link '{2}'", version.Trim(), CompileOptions, LinkOptions);
        return true;
    }

    /// <summary>The wrapper's answer to <paramref name="option"/>, or null with <paramref name="problem"/> saying why.</summary>
    private static string? Query(string compiler, string option, out string problem)
    {
        var start = new ProcessStartInfo(compiler)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(option);
        try
        {
            using Process process = Process.Start(start) ?? throw new System.ComponentModel.Win32Exception("not started");
            Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(QueryTimeout))
            {
                process.Kill(entireProcessTree: true);
                problem = $"'{compiler} {option}' did not finish in {QueryTimeout.TotalSeconds:0} s";
                return null;
            }
            if (process.ExitCode != 0)
            {
                problem = $"'{compiler} {option}' exited with {process.ExitCode}: {error.Result.Trim()}";
                return null;
            }
            problem = "";
            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = $"'{compiler}' could not be started ({e.Message})";
            return null;
        }
    }
}
