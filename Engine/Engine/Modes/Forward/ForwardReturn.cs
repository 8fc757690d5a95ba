namespace Enzyme.Engine.Modes.Forward;

/// <summary>What a forward derivative function returns.</summary>
public enum ForwardReturn
{
    /// <summary>Nothing: the primal returns void.</summary>
    Void,

    /// <summary>The primal result only (its tangent is not needed).</summary>
    PrimalOnly,

    /// <summary>The tangent only: what <c>__enzyme_fwddiff</c> returns.</summary>
    TangentOnly,

    /// <summary><c>{primal, tangent}</c>: for calls between derivative functions.</summary>
    PrimalAndTangent,
}
