using Enzyme.Llvm;

namespace Enzyme.Engine.Diagnostics;

/// <summary>
/// One diagnostic in the canonical MSBuild shape, so IDEs and CI annotate the source line:
/// <c>file(line,col): error ENZ1234: message</c>, or <c>enzyme-ad: error ENZ1234: message</c>
/// when there is no source position.
/// </summary>
public sealed record EnzymeDiagnostic(string Code, string Message, DebugLocation? Location = null)
{
    public const string Origin = "enzyme-ad";

    public string Format()
    {
        string origin = Location is { } at
            ? (at.Column == 0 ? $"{at.FullPath}({at.Line})" : $"{at.FullPath}({at.Line},{at.Column})")
            : Origin;
        return $"{origin}: error {Code}: {Message}";
    }

    public override string ToString() => Format();

    /// <summary>Folds LLVM's multi-line messages (source excerpt, caret line) into one line.</summary>
    public static string OneLine(string text)
    {
        IEnumerable<string> lines = text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l.Trim('^', '~', ' ').Length > 0);
        return string.Join(" | ", lines);
    }
}
