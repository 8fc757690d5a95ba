namespace Enzyme.Engine.Tests.Rules;

/// <summary>The derivative entry points a math-rule test module asks the engine for.</summary>
[Flags]
internal enum MathRuleEntryPoints
{
    None = 0,

    /// <summary><c>df(x0, d0, …)</c>: <c>__enzyme_fwddiff</c> of the scalar function f, the tangent in direction d.</summary>
    ForwardTangent = 1,

    /// <summary><c>grad(x0, …, out)</c>: <c>__enzyme_autodiff</c> of f with every argument enzyme_out, adjoints stored to out.</summary>
    ReverseGradient = 2,

    /// <summary><c>kernel_fwd(x, dx, y, dy)</c>: <c>__enzyme_fwddiff</c> of the pointer kernel, both pointers enzyme_dup.</summary>
    KernelForward = 4,

    /// <summary><c>kernel_rev(x, dx, y, dy)</c>: <c>__enzyme_autodiff</c> of the pointer kernel, both pointers enzyme_dup.</summary>
    KernelReverse = 8,
}
