using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// An <c>EnzymeGradient</c> item (Include = function, Mode, Activity, Name) as the
/// <c>enzyme-ad --gradient NAME=FUNCTION:MODE:ACTIVITIES</c> argument.
/// </summary>
public sealed record GradientSpecification(string Name, string Function, string Mode, IReadOnlyList<string> Activities)
{
    private static readonly string[] KnownActivities = ["dup", "dupnoneed", "const", "out"];

    public override string ToString() => $"{Name}={Function}:{Mode}:{string.Join(",", Activities)}";

    /// <summary>
    /// Reads and checks one item. Mode defaults to reverse; Name defaults to
    /// <c>FUNCTION_grad</c> (reverse) or <c>FUNCTION_fwddiff</c> (forward).
    /// </summary>
    public static GradientSpecification? TryRead(ITaskItem item, out string? error)
    {
        string function = item.ItemSpec.Trim();
        string mode = item.GetMetadata("Mode").Trim().ToLowerInvariant();
        mode = mode.Length == 0 ? "reverse" : mode;
        error = null;
        if (!IsIdentifier(function))
        {
            error = $"EnzymeGradient '{item.ItemSpec}': Include must be the C name of the function to differentiate.";
            return null;
        }
        if (mode is not ("forward" or "reverse"))
        {
            error = $"EnzymeGradient '{function}': Mode '{item.GetMetadata("Mode")}' is not Forward or Reverse.";
            return null;
        }
        string activityText = item.GetMetadata("Activity");
        string[] activities = activityText.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.ToLowerInvariant().Replace("enzyme_", ""))
            .ToArray();
        if (activities.Length == 0)
        {
            error = $"EnzymeGradient '{function}': Activity is missing. Give one of dup, dupnoneed, const, out per parameter, e.g. Activity=\"dup,const\".";
            return null;
        }
        string? unknown = activities.FirstOrDefault(a => !KnownActivities.Contains(a));
        if (unknown is not null)
        {
            error = $"EnzymeGradient '{function}': activity '{unknown}' is not one of dup, dupnoneed, const, out.";
            return null;
        }
        string name = item.GetMetadata("Name").Trim();
        if (name.Length == 0)
        {
            name = function + (mode == "reverse" ? "_grad" : "_fwddiff");
        }
        if (!IsIdentifier(name))
        {
            error = $"EnzymeGradient '{function}': Name '{name}' is not a valid C identifier.";
            return null;
        }
        return new GradientSpecification(name, function, mode, activities);
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
