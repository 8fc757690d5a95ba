using System.Text;

namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// A failing generated program. <see cref="Outcome"/> is the failure of the program compiled alone; when it only
/// fails together with the other programs of its translation unit, <see cref="BatchSeeds"/> lists them all and
/// <see cref="Outcome"/> is the batch's.
/// </summary>
public sealed record FuzzFailure(GeneratedProgram Program, FuzzOutcome Outcome, IReadOnlyList<ulong>? BatchSeeds = null)
{
    public string Headline =>
        $"seed {Program.Seed} ({string.Join(' ', Program.ClangFlags)}): {Outcome.Symptom}"
        + (BatchSeeds is null ? "" : $" only together with seeds {string.Join(", ", BatchSeeds)}");

    /// <summary>The headline, the detail and the program's C source.</summary>
    public string Describe(bool withSource = true)
    {
        var text = new StringBuilder();
        text.Append("=== ").Append(Headline).Append('\n');
        text.Append(Outcome.Detail.TrimEnd()).Append('\n');
        if (withSource)
        {
            text.Append("--- program (").Append(string.Join(' ', Program.ClangFlags)).Append(") ---\n");
            text.Append(Program.Definitions);
        }
        return text.ToString();
    }
}
