using System.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Base of the SDK's tasks: runs one tool as a process with an argument list (no shell, no
/// quoting), logs compiler-style <c>file:line:col: error:</c> lines as positioned MSBuild
/// errors and canonical <c>file(line,col): error ENZxxxx:</c> lines as they are. Outputs named
/// through <see cref="TemporaryOutput"/> appear only complete and only when the tool succeeds.
/// </summary>
public abstract class EnzymeToolTask : ToolTask
{
    private IReadOnlyList<string>? _arguments;
    private Process? _process;
    private readonly TemporaryOutputs _outputs = new();

    /// <summary>The LLVM prefix found by <see cref="ResolveLlvmToolchain"/>; passed on as ENZYME_LLVM_ROOT.</summary>
    [Required]
    public string LlvmRoot { get; set; } = "";

    /// <summary>The project being built, named by errors that have no source position.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>The tool's arguments, in order.</summary>
    protected abstract IReadOnlyList<string> BuildArguments();

    /// <summary>The package that provides the tool, named when it is missing.</summary>
    protected virtual string MissingToolAdvice =>
        $"Install LLVM 22 with: {DiagnosticCodes.InstallCommand}, or set the EnzymeLlvmRoot property (or the ENZYME_LLVM_ROOT environment variable) to its prefix.";

    protected IReadOnlyList<string> Arguments => _arguments ??= BuildArguments();

    protected string LlvmTool(string name) => Path.Combine(LlvmRoot, "bin", name);

    /// <summary>
    /// The path the tool is to write instead of <paramref name="finalPath"/>; renamed onto it when
    /// the tool exits with 0, deleted otherwise (also when the build is cancelled).
    /// </summary>
    protected string TemporaryOutput(string finalPath) => _outputs.Add(finalPath);

    protected override string GenerateCommandLineCommands() => string.Join(" ", Arguments.Select(Quote));

    protected override bool ValidateParameters()
    {
        string tool = GenerateFullPathToTool();
        if (!File.Exists(tool))
        {
            LogProjectError(DiagnosticCodes.ToolchainNotFound, $"{ToolName} was not found at '{tool}'. {MissingToolAdvice}");
            return false;
        }
        return !Log.HasLoggedErrors;
    }

    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        var start = new ProcessStartInfo(pathToTool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = GetWorkingDirectory() ?? Directory.GetCurrentDirectory(),
        };
        foreach (string argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ENZYME_LLVM_ROOT"] = LlvmRoot;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (string pair in EnvironmentVariables ?? [])
        {
            int equals = pair.IndexOf('=');
            if (equals > 0)
            {
                start.Environment[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        // Lines from both streams are logged on this thread: the logger is not meant for others.
        using var lines = new BlockingCollection<(string Text, bool IsError)>();
        using var process = new Process { StartInfo = start };
        int openStreams = 2;
        void Receive(string? text, bool isError)
        {
            if (text is null)
            {
                if (Interlocked.Decrement(ref openStreams) == 0)
                {
                    lines.CompleteAdding();
                }
                return;
            }
            lines.Add((text, isError));
        }
        process.OutputDataReceived += (_, e) => Receive(e.Data, false);
        process.ErrorDataReceived += (_, e) => Receive(e.Data, true);
        try
        {
            try
            {
                process.Start();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                LogProjectError(DiagnosticCodes.ToolFailed, $"{ToolName} could not be started ('{pathToTool}'): {e.Message}");
                return -1;
            }
            _process = process;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            foreach ((string text, bool isError) in lines.GetConsumingEnumerable())
            {
                LogEventsFromTextOutput(text, isError ? StandardErrorLoggingImportance : StandardOutputLoggingImportance);
            }
            process.WaitForExit();
            _process = null;
            if (process.ExitCode != 0)
            {
                return process.ExitCode;
            }
            IReadOnlyList<string> missing = _outputs.Commit();
            if (missing.Count > 0)
            {
                LogProjectError(DiagnosticCodes.ToolFailed,
                    $"{ToolName} exited with code 0 but did not write '{missing[0]}'. Command: {Quote(GenerateFullPathToTool())} {GenerateCommandLineCommands()}");
                return -1;
            }
            return 0;
        }
        finally
        {
            // Failed, cancelled or thrown: no temporary survives, and the finals keep their old
            // contents and times, so the next build still sees them out of date.
            _outputs.Discard();
        }
    }

    public override void Cancel()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        base.Cancel();
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        CompilerDiagnostic? diagnostic = CompilerDiagnostic.TryParse(singleLine);
        if (diagnostic is null)
        {
            // Canonical lines (enzyme-ad's "file(l,c): error ENZxxxx: ...", "ld.lld: error: ...") are
            // recognised here by MSBuild itself.
            base.LogEventsFromTextOutput(singleLine, messageImportance);
        }
        else if (diagnostic.IsError)
        {
            Log.LogError(null, null, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, "{0}", diagnostic.Message);
        }
        else if (diagnostic.IsWarning)
        {
            Log.LogWarning(null, null, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, "{0}", diagnostic.Message);
        }
        else
        {
            Log.LogMessage(null, null, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, MessageImportance.Normal,
                "{0}: {1}", diagnostic.Severity, diagnostic.Message);
        }
    }

    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors)
        {
            LogProjectError(DiagnosticCodes.ToolFailed,
                $"{ToolName} exited with code {ExitCode} without reporting an error. Command: {Quote(GenerateFullPathToTool())} {GenerateCommandLineCommands()}");
        }
        return false;
    }

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.Normal;

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    protected void LogProjectError(string code, string message) =>
        Log.LogError(null, code, null, ProjectFile.Length > 0 ? ProjectFile : null, 0, 0, 0, 0, "{0}", message);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
