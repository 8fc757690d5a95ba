namespace Bench.Lstm;

/// <summary>What <c>lstm_time</c> times; the values are the native side's <c>tool</c> argument.</summary>
public enum LstmTool
{
    Objective = 0,
    EnzymeReverse = 1,
    CentralDifferences = 2,
}
