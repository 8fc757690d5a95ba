using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes;

/// <summary>
/// Which value is the shadow of which primal value in a derivative being built: shadows of
/// arguments and of instructions are recorded as they are created; shadows of globals and of
/// constant expressions over them are not recorded but rebuilt where needed
/// (<see cref="ShadowOfConstant"/>).
/// </summary>
internal sealed class ShadowMap
{
    private readonly Dictionary<LLVMValueRef, LlvmValue> _shadows = [];
    private readonly Dictionary<LLVMValueRef, LlvmValue> _primalOfShadow = [];

    public void Record(LlvmValue primal, LlvmValue shadow) => _shadows[primal.Handle] = shadow;

    public bool Contains(LlvmValue primal) => _shadows.ContainsKey(primal.Handle);

    public bool TryGet(LlvmValue primal, out LlvmValue shadow) => _shadows.TryGetValue(primal.Handle, out shadow);

    /// <summary>The primal value whose recorded shadow is <paramref name="shadow"/>, or null when it is no recorded shadow.</summary>
    public LlvmValue? PrimalOf(LlvmValue shadow)
    {
        if (_primalOfShadow.Count != _shadows.Count)
        {
            _primalOfShadow.Clear();
            foreach ((LLVMValueRef primal, LlvmValue mirror) in _shadows)
            {
                _primalOfShadow.TryAdd(mirror.Handle, new LlvmValue(primal));
            }
        }
        return _primalOfShadow.TryGetValue(shadow.Handle, out LlvmValue found) ? found : null;
    }

    /// <summary>
    /// Lane <paramref name="lane"/> of the shadow of a global or constant expression the activity
    /// analysis shadows: the global's shadow global (<paramref name="shadowGlobal"/>, e.g.
    /// <see cref="Transforms.ShadowGlobalTable.Get"/>), or the constant GEP or cast rebuilt at the
    /// builder's position over that lane of its base's shadow (<paramref name="laneShadow"/>: the
    /// caller's shadow of any value, in a given lane). A mode with one shadow per value uses lane 0.
    /// </summary>
    public static LlvmValue ShadowOfConstant(LlvmValue constant, int lane, LlvmBuilder builder,
        Func<LlvmValue, int, LlvmValue> shadowGlobal, Func<LlvmValue, int, LlvmValue> laneShadow)
    {
        if (constant.IsGlobalVariable)
        {
            return shadowGlobal(constant, lane);
        }
        LlvmValue baseShadow = laneShadow(constant.GetOperand(0), lane);
        LLVMOpcode opcode = constant.ConstantOpcode;
        if (opcode == LLVMOpcode.LLVMGetElementPtr)
        {
            var indices = new LlvmValue[constant.OperandCount - 1];
            for (int i = 1; i < constant.OperandCount; i++)
            {
                indices[i - 1] = constant.GetOperand(i);
            }
            return builder.Gep(constant.GepSourceElementType, baseShadow, indices);
        }
        return builder.Cast(opcode, baseShadow, constant.Type);
    }
}
