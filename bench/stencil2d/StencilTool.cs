namespace Bench.Stencil2d;

/// <summary>What <c>heat_time</c> times; the values are the native side's <c>tool</c> argument.</summary>
public enum StencilTool
{
    Loss = 0,
    EnzymeReverse = 1,
    HandWritten = 2,
}
