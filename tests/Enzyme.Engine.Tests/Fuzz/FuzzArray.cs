namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// An array in scope: <see cref="Length"/> is the C expression of its length (<c>n</c>, <c>m</c>, <c>5</c>),
/// <see cref="KnownLength"/> its value when the generator knows it (for constant indices), and
/// <see cref="Writable"/> whether statements may store into it.
/// </summary>
internal sealed record FuzzArray(string Name, string Length, int? KnownLength, bool Writable, int LoopDepth);
