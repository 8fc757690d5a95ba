namespace Enzyme.Engine.Modes.Reverse;

/// <summary>How a loop's latch comparison reads its operands (see <see cref="TripCountShape"/>).</summary>
internal enum TripCountArithmetic
{
    Signed,
    Unsigned,
    Modular,
}
