using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Shadow memory for globals, shared by every derivative of a module: lane k of global g is an
/// internal, zero-initialised global of g's type. Forward mode keeps tangents there, reverse
/// mode adjoints.
/// </summary>
public sealed unsafe class ShadowGlobalTable(LlvmModule module)
{
    private readonly Dictionary<(LLVMValueRef Global, int Lane), LlvmValue> _lanes = [];

    /// <summary>Globals the analyses decided need shadow memory.</summary>
    public HashSet<LLVMValueRef> Requested { get; } = [];

    public LlvmValue Get(LlvmValue global, int lane)
    {
        if (_lanes.TryGetValue((global.Handle, lane), out LlvmValue shadow))
        {
            return shadow;
        }
        LlvmType valueType = new(LLVM.LLVMGlobalGetValueType(global.Handle));
        string name = $"{global.Name}_shadow{(lane > 0 ? lane.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            shadow = new LlvmValue(LLVM.LLVMAddGlobal(module.Handle, valueType.Handle, (sbyte*)n));
        }
        LLVM.LLVMSetInitializer(shadow.Handle, LLVM.LLVMConstNull(valueType.Handle));
        LLVM.LLVMSetLinkage(shadow.Handle, LLVMLinkage.LLVMInternalLinkage);
        LLVM.LLVMSetAlignment(shadow.Handle, Math.Max(LLVM.LLVMGetAlignment(global.Handle), 1));
        _lanes.Add((global.Handle, lane), shadow);
        return shadow;
    }
}
