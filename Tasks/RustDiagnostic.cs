using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// One line of rustc's <c>--error-format=short</c> output, <c>file:line:col: error[E0425]: message</c>, which MSBuild
/// does not recognise by itself; <see cref="CompileRustToBitcode"/> logs it with its position and rustc's code.
/// </summary>
public sealed partial record RustDiagnostic(string File, int Line, int Column, string Severity, string Code, string Message)
{
    public bool IsError => Severity == "error";

    public static RustDiagnostic? TryParse(string line)
    {
        Match match = Pattern().Match(line);
        return match.Success
            ? new RustDiagnostic(match.Groups["file"].Value, int.Parse(match.Groups["line"].Value), int.Parse(match.Groups["col"].Value),
                match.Groups["severity"].Value, match.Groups["code"].Value, match.Groups["message"].Value)
            : null;
    }

    /// <summary>rustc's summary (<c>error: aborting due to 2 previous errors; 1 warning emitted</c>), which repeats what was logged.</summary>
    public static bool IsSummary(string line) => Summary().IsMatch(line);

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):(?<col>\d+): (?<severity>error|warning)(?:\[(?<code>[A-Za-z0-9_]+)\])?: (?<message>.*)$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(error: aborting due to|warning: \d+ warnings? emitted)")]
    private static partial Regex Summary();
}
