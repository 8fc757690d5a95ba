using Enzyme.Llvm;

namespace Enzyme.Engine.Annotations;

/// <summary>
/// A gradient the program supplies for a function (<c>__enzyme_register_gradient_*[3] = {f, aug, rev}</c>):
/// <see cref="Augment"/> runs in the forward sweep instead of the function and may return a tape;
/// <see cref="Reverse"/> runs in the reverse sweep with the arguments, their shadows, the result's
/// adjoint and the tape, and returns the adjoints of the floating-point scalar arguments.
/// </summary>
public sealed record CustomGradient(LlvmFunction Augment, LlvmFunction Reverse);
