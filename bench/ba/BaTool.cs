namespace Bench.Ba;

/// <summary>What <c>ba_time</c> times; the values are the native side's <c>tool</c> argument.</summary>
public enum BaTool
{
    Residual = 0,
    EnzymeForwardVector = 1,
    EnzymeReverseTwice = 2,
    CentralDifferences = 3,
    EnzymeReverseWidth2 = 4,
}
