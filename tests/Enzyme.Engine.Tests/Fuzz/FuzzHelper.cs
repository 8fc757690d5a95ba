namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>A generated static helper function and the way it is called.</summary>
internal sealed record FuzzHelper(string Name, FuzzHelperKind Kind, int Arity);
