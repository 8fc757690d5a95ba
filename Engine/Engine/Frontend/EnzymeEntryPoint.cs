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
    Unknown,
}
