using System.Text.Json.Serialization;

namespace Bench.Common;

/// <summary>The whole results file: <c>{"benchmark": ..., "rows": [...]}</c>.</summary>
public sealed record ResultsDocument(
    [property: JsonPropertyName("benchmark")] string Benchmark,
    [property: JsonPropertyName("rows")] IReadOnlyList<ResultRow> Rows);
