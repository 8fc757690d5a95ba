using Enzyme.Engine.Frontend;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Identifies one gradient function: the function and each parameter's activity. Duplicated
/// (pointer) parameters get a shadow parameter that receives adjoints; active scalars have
/// their adjoints returned (a struct when there are several). A floating-point return is
/// seeded with 1.
/// </summary>
public sealed record ReverseSignature(LlvmFunction Function, IReadOnlyList<ArgumentActivity> Activities)
{
    public string Key => $"{Function.Handle.Handle:x}|{string.Join(",", Activities.Select(a => (int)a))}";
}
