using System.Text.Json.Serialization;

namespace Bench.Common;

/// <summary>One timing in <c>bench/results/&lt;benchmark&gt;.json</c>, in the shape the report reads.</summary>
/// <param name="Case">The problem size, e.g. <c>N=1000</c>.</param>
/// <param name="Tool">What was timed: <c>primal</c>, <c>enzyme-reverse</c>, ...</param>
/// <param name="Seconds">Minimum per-call time over the batches (ADBench method).</param>
/// <param name="Ratio">Seconds divided by the primal's seconds for the same case.</param>
/// <param name="Checked">Whether the derivative this row times was verified in this run.</param>
/// <param name="Note">Free text for the report: the check's error, per-element times.</param>
public sealed record ResultRow(
    [property: JsonPropertyName("case")] string Case,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("checked")] bool Checked,
    [property: JsonPropertyName("note")] string Note);
