namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>A double variable in scope; <see cref="LoopDepth"/> is the loop nesting it was declared at.</summary>
internal sealed record FuzzScalar(string Name, int LoopDepth, bool Assignable);
