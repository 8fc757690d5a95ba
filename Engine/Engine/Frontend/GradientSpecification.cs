using Enzyme.Engine.Diagnostics;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// A derivative entry point requested by name instead of C glue (an <c>EnzymeGradient</c>
/// item): <c>NAME=FUNCTION:MODE:ACTIVITIES</c>, e.g. <c>rosen_grad=rosen:reverse:dup,const</c>.
/// Activities are per parameter: <c>dup</c>, <c>dupnoneed</c>, <c>const</c>, <c>out</c>.
/// </summary>
public sealed record GradientSpecification(string Name, string FunctionName, bool IsForward, IReadOnlyList<ArgumentActivity> Activities)
{
    public const string Syntax = "NAME=FUNCTION:forward|reverse:dup|dupnoneed|const|out,...";

    public static GradientSpecification Parse(string text)
    {
        int equals = text.IndexOf('=');
        string[] parts = equals < 0 ? [] : text[(equals + 1)..].Split(':');
        if (equals <= 0 || parts.Length != 3 || parts[0].Length == 0)
        {
            throw Invalid(text, $"expected {Syntax}");
        }
        bool forward = parts[1].ToLowerInvariant() switch
        {
            "forward" => true,
            "reverse" => false,
            _ => throw Invalid(text, $"mode '{parts[1]}' is neither forward nor reverse"),
        };
        var activities = new List<ArgumentActivity>();
        foreach (string activity in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            activities.Add(activity.ToLowerInvariant() switch
            {
                "dup" => ArgumentActivity.Duplicated,
                "dupnoneed" => ArgumentActivity.DuplicatedNoNeed,
                "const" => ArgumentActivity.Constant,
                "out" => ArgumentActivity.Active,
                _ => throw Invalid(text, $"activity '{activity}' is not one of dup, dupnoneed, const, out"),
            });
        }
        string name = text[..equals].Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z_][A-Za-z0-9_]*$"))
        {
            throw Invalid(text, $"'{name}' is not a C identifier");
        }
        return new GradientSpecification(name, parts[0].Trim(), forward, activities);
    }

    private static EnzymeException Invalid(string text, string reason) =>
        new(DiagnosticCodes.InvalidCommandLine, $"invalid gradient request '{text}': {reason}");
}
