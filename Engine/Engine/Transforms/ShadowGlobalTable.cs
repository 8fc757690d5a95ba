using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Shadow memory for globals, shared by every derivative of a module: lane k of global g is an
/// internal, zero-initialised global of g's type. Forward mode keeps tangents there, reverse
/// mode adjoints.
/// </summary>
public sealed class ShadowGlobalTable(LlvmModule module)
{
    private readonly Dictionary<(LlvmValue Global, int Lane), LlvmValue> _lanes = [];

    /// <summary>
    /// Globals the analyses decided need shadow memory. Keyed by handle because
    /// <c>ForwardActivityAnalysis</c> fills it that way (until that file moves to the wrappers).
    /// </summary>
    public HashSet<LLVMValueRef> Requested { get; } = [];

    public LlvmValue Get(LlvmValue global, int lane)
    {
        if (_lanes.TryGetValue((global, lane), out LlvmValue existing))
        {
            return existing;
        }
        LlvmGlobalVariable primal = global.AsGlobalVariable() ?? throw new ArgumentException($"{global} is not a global variable", nameof(global));
        string name = $"{global.Name}_shadow{(lane > 0 ? lane.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
        LlvmGlobalVariable shadow = module.AddGlobal(primal.ValueType, name);
        shadow.Initializer = LlvmValue.ConstNull(primal.ValueType);
        shadow.Linkage = LLVMLinkage.LLVMInternalLinkage;
        shadow.Alignment = Math.Max(primal.Alignment, 1);
        _lanes.Add((global, lane), shadow);
        return shadow;
    }
}
