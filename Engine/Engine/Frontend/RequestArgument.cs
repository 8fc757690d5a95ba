using Enzyme.Llvm;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// One parameter of the differentiated function as the request supplies it: the primal value
/// and, for duplicated arguments, one shadow per vector lane. <see cref="ShadowStride"/> is set
/// for <c>enzyme_dupv</c>, where <see cref="Shadows"/> holds the single base pointer and lane k
/// is at byte offset k·stride.
/// </summary>
public sealed record RequestArgument(int ParameterIndex, ArgumentActivity Activity, LlvmValue Primal, IReadOnlyList<LlvmValue> Shadows, LlvmValue? ShadowStride = null)
{
    public bool HasShadow => Activity is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed;
}
