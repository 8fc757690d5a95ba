using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// One diagnostic line in the GCC/clang/flang format, <c>file:line:col: error: message</c>, which
/// MSBuild does not recognise by itself; <see cref="EnzymeToolTask"/> logs it with its position.
/// </summary>
public sealed partial record CompilerDiagnostic(string File, int Line, int Column, string Severity, string Message)
{
    public bool IsError => Severity is "error" or "fatal error";
    public bool IsWarning => Severity == "warning";

    public static CompilerDiagnostic? TryParse(string line)
    {
        Match match = Pattern().Match(line);
        if (!match.Success)
        {
            return null;
        }
        int column = match.Groups["col"].Success ? int.Parse(match.Groups["col"].Value) : 0;
        return new CompilerDiagnostic(
            match.Groups["file"].Value, int.Parse(match.Groups["line"].Value), column,
            match.Groups["severity"].Value, match.Groups["message"].Value);
    }

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):(?:(?<col>\d+):)? (?<severity>fatal error|error|warning|note|remark): (?<message>.*)$")]
    private static partial Regex Pattern();
}
