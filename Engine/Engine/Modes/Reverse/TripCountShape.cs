namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The latch test of a rotated loop whose only exit is its latch, <c>iv + Step</c> against
/// <see cref="Bound"/> with <c>iv</c> starting at <see cref="Start"/>: enough to compute the
/// number of header executions of an entry from values available before the loop.
/// </summary>
/// <param name="Arithmetic">How the difference <c>Bound - Start</c> widens to 64 bits: as the
/// comparison reads it (signed for <c>slt</c>, unsigned for <c>ult</c>), or modulo the width for
/// <c>ne</c>/<c>eq</c>, where the loop ends exactly on the bound.</param>
internal sealed record TripCountShape(Llvm.LlvmValue Bound, Llvm.LlvmValue Start, long Step, TripCountArithmetic Arithmetic);
