namespace Bench.OdeRk4;

/// <summary>What <c>rk4_time</c> times; the values are the native side's <c>tool</c> argument.</summary>
public enum Rk4Tool
{
    Loss = 0,
    EnzymeReverse = 1,
    EnzymeForwardPerParameter = 2,
    CentralDifferences = 3,
}
