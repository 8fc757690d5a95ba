namespace Enzyme.Engine.Diagnostics;

/// <summary>Stops the pipeline with one or more diagnostics the user can act on.</summary>
public sealed class EnzymeException : Exception
{
    public EnzymeException(IReadOnlyList<EnzymeDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.Format())))
    {
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("At least one diagnostic is required.", nameof(diagnostics));
        }
        Diagnostics = diagnostics;
    }

    public EnzymeException(EnzymeDiagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public EnzymeException(string code, string message, Enzyme.Llvm.DebugLocation? location = null)
        : this(new EnzymeDiagnostic(code, message, location))
    {
    }

    public IReadOnlyList<EnzymeDiagnostic> Diagnostics { get; }

    /// <summary>The first diagnostic; most failures have exactly one.</summary>
    public EnzymeDiagnostic Diagnostic => Diagnostics[0];
}
