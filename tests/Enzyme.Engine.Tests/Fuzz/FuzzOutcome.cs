namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// The result of building and running one translation unit: <see cref="FailingNames"/> lists the programs with a
/// FUZZFAIL line (for <see cref="FuzzOutcomeKind.WrongDerivative"/>), <see cref="Skipped"/> the gradient components
/// that were skipped as non-smooth, <see cref="Detail"/> the engine message or the program's output.
/// </summary>
public sealed record FuzzOutcome(FuzzOutcomeKind Kind, string Detail, IReadOnlyList<string> FailingNames, int Skipped = 0)
{
    public static FuzzOutcome Pass(int skipped) => new(FuzzOutcomeKind.Passed, "", [], skipped);

    public bool Failed => Kind != FuzzOutcomeKind.Passed;

    /// <summary>The first ENZ code in <see cref="Detail"/>, for engine errors ("" when none).</summary>
    public string Code
    {
        get
        {
            int at = Detail.IndexOf("ENZ", StringComparison.Ordinal);
            if (at < 0)
            {
                return "";
            }
            int end = at + 3;
            while (end < Detail.Length && char.IsDigit(Detail[end]))
            {
                end++;
            }
            return Detail[at..end];
        }
    }

    /// <summary>A short description: the kind, and the ENZ code for engine errors.</summary>
    public string Symptom => Kind == FuzzOutcomeKind.EngineError ? $"{Kind} {Code}" : Kind.ToString();
}
