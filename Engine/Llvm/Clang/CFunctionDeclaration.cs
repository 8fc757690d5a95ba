namespace Enzyme.Llvm.Clang;

/// <summary>
/// An externally visible C function declared in the file that was read.
/// </summary>
/// <param name="Name">The C symbol name.</param>
/// <param name="ReturnType">What the function returns.</param>
/// <param name="Parameters">The declared parameters, in order (empty for <c>f(void)</c> and unprototyped <c>f()</c>).</param>
/// <param name="IsVariadic">Whether the parameter list ends with <c>...</c>.</param>
/// <param name="File">The file of the first declaration (the virtual name for in-memory sources).</param>
/// <param name="Line">The 1-based line of the first declaration's name.</param>
public sealed record CFunctionDeclaration(
    string Name,
    CTypeDescription ReturnType,
    IReadOnlyList<CParameter> Parameters,
    bool IsVariadic,
    string File,
    int Line)
{
    public override string ToString() =>
        $"{ReturnType.Spelling} {Name}({string.Join(", ", Parameters.Select(parameter => $"{parameter.Type.Spelling} {parameter.Name}".TrimEnd()))}{(IsVariadic ? (Parameters.Count > 0 ? ", ..." : "...") : "")})";
}
