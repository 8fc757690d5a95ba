namespace Enzyme.Engine.Rules;

/// <summary>
/// The derivative of one math function, as its partial derivatives: <see cref="Partials"/>
/// returns ∂f/∂argᵢ for each argument (null for an argument with no derivative, such as an
/// integer exponent). Forward mode forms Σ ∂f/∂xᵢ·ẋᵢ; reverse mode forms x̄ᵢ += ∂f/∂xᵢ·ȳ,
/// so one entry serves both. <see cref="IsPiecewiseConstant"/> marks functions whose
/// derivative is zero wherever it exists (floor, round, ...): they still need their primal.
/// </summary>
public sealed record DerivativeRule(
    string Name,
    int Arity,
    Func<RuleContext, Enzyme.Llvm.LlvmValue?[]> Partials,
    bool IsPiecewiseConstant = false);
