namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// An int loop counter in scope. <see cref="Below"/> names the length it is known to be strictly below
/// (<c>n</c>, <c>m</c> or a stack array's literal size), or is null; <see cref="Positive"/> means it is at least 1.
/// </summary>
internal sealed record FuzzIndexVariable(string Name, string? Below, bool Positive);
