using Enzyme.Engine.Frontend;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Identifies one gradient function: the function and each parameter's activity. Duplicated
/// (pointer) parameters get a shadow parameter that receives adjoints; active scalars have
/// their adjoints returned (a struct when there are several). A floating-point return is
/// seeded with 1, or, with <see cref="SeedFromParameter"/>, with the adjoint passed in as the
/// last parameter (gradients called from other gradients). <see cref="Split"/> marks the
/// combined gradient that is cut into augmented and reverse halves: between them the caller
/// may change any memory it passed in. <see cref="ReturnShadow"/>: the function returns a pointer the
/// caller differentiates through, so the augmented half also returns that pointer's shadow.
/// <see cref="Parallel"/>: the gradient runs on several threads at once (an OpenMP parallel region's halves),
/// so adjoints of memory that is not its own stack are added atomically, except through the parameters in
/// <see cref="ThreadPrivateShadowMask"/> (bit i: parameter i's shadow is the calling thread's own partial adjoint,
/// <see cref="ParallelForkWrappers"/>), which are added to without atomics.
/// </summary>
public sealed record ReverseSignature(LlvmFunction Function, IReadOnlyList<ArgumentActivity> Activities, bool SeedFromParameter = false, bool Split = false,
    bool ReturnShadow = false, bool Parallel = false, ulong ThreadPrivateShadowMask = 0)
{
    public string Key => $"{Function.Handle.Handle:x}|{string.Join(",", Activities.Select(a => (int)a))}|{(SeedFromParameter ? "seeded" : "one")}|{(Split ? "split" : "combined")}|{(ReturnShadow ? "shadow" : "")}{(Parallel ? "|parallel" : "")}{(ThreadPrivateShadowMask != 0 ? $"|private{ThreadPrivateShadowMask:x}" : "")}";
}
