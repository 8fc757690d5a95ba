namespace Enzyme.Engine.Frontend;

/// <summary>The functions of Enzyme's C API that request a derivative or a tape size.</summary>
public enum EnzymeEntryPoint
{
    Autodiff,
    ForwardDiff,
    ForwardSplit,
    AugmentForward,
    Reverse,
    AugmentSize,

    /// <summary>
    /// <c>__enzyme_float</c>, <c>__enzyme_double</c>, <c>__enzyme_integer</c>, <c>__enzyme_pointer</c>: hints to
    /// Enzyme's type analysis about the memory an argument points to. They compute nothing; this engine's type
    /// analysis does not read them, so the calls are removed.
    /// </summary>
    TypeAnnotation,

    /// <summary>
    /// <c>__enzyme_ignore_derivatives(x)</c>: x, with no derivative flowing through it (a value the
    /// program wants treated as a constant). Inactive while differentiating, then replaced by x.
    /// </summary>
    IgnoreDerivatives,

    /// <summary>An entry point of Enzyme's C API that this engine does not implement (ENZ1001).</summary>
    NotImplemented,

    Unknown,
}
