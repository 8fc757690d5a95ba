using Enzyme.Llvm.Interop.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// One diagnostic of a translation unit, copied out of libclang at parse time so it outlives the unit.
/// <paramref name="Text"/> is formatted with libclang's default display options
/// (<c>file:line:column: severity: message</c>).
/// </summary>
public sealed record ClangDiagnostic(CXDiagnosticSeverity Severity, string Text)
{
    /// <summary>True for errors and fatal errors: the ones that make the parsed code unusable.</summary>
    public bool IsError => Severity >= CXDiagnosticSeverity.CXDiagnostic_Error;

    public override string ToString() => Text;
}
