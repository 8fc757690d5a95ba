namespace Enzyme.Engine.Bindings;

/// <summary>
/// What a Fortran type declaration says about one name, as <see cref="FortranInterfaceReader"/> needs it.
/// </summary>
/// <param name="Name">The declared name.</param>
/// <param name="Type">The type keyword: <c>real</c>, <c>integer</c>, <c>double precision</c>, <c>type</c>, ...</param>
/// <param name="Kind">The text between the type's parentheses (<c>c_double</c>, <c>kind=8</c>, <c>c_ptr</c>), or empty.</param>
/// <param name="Attributes">The attributes after the type (<c>value</c>, <c>intent(in)</c>, <c>dimension(n)</c>, ...).</param>
/// <param name="Shape">The array specification (<c>n</c>, <c>0:n+1</c>, <c>:</c>, <c>*</c>), or null for a scalar.</param>
internal sealed record FortranDummyDeclaration(string Name, string Type, string Kind, IReadOnlyList<string> Attributes, string? Shape)
{
    public bool IsArray => Shape is not null;

    /// <summary>
    /// Assumed-shape (<c>x(:)</c>, <c>x(0:)</c>), allocatable and pointer dummies are passed as CFI descriptors by a
    /// bind(c) procedure, not as a plain address.
    /// </summary>
    public bool PassesDescriptor =>
        HasAttribute("allocatable") || HasAttribute("pointer")
        || (Shape is { } shape && shape.Split(',').Any(extent => extent.Trim().EndsWith(':')));

    /// <summary><c>in</c>, <c>out</c>, <c>inout</c>, or empty when no intent is declared.</summary>
    public string Intent => Attributes
        .Select(a => a.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
        .Where(a => a.StartsWith("intent(", StringComparison.Ordinal) && a.EndsWith(')'))
        .Select(a => a["intent(".Length..^1])
        .FirstOrDefault() ?? "";

    public bool HasAttribute(string name) => Attributes.Any(a => a.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An undeclared name typed by Fortran's implicit rule: names starting with i to n are integers, others real.</summary>
    public static FortranDummyDeclaration Implicit(string name) =>
        new(name, char.ToLowerInvariant(name[0]) is >= 'i' and <= 'n' ? "integer" : "real", "", [], null);
}
