using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules;

/// <summary>
/// What a partial-derivative formula sees: the call's arguments, its primal result, and an
/// emitter positioned where the formula's IR goes. Helpers keep the rule table one line per
/// function. All values have the call's floating-point type (scalar or vector).
/// </summary>
/// <param name="available">Looks up a call the primal already makes with the same arguments
/// (the <c>cos</c> next to a <c>sin</c>), so that a formula reuses its value instead of calling
/// the function again; null where no such lookup applies.</param>
public sealed class RuleContext(IrEmitter emitter, IReadOnlyList<LlvmValue> arguments, LlvmValue result,
    Func<string, LlvmValue[], LlvmValue?>? available = null)
{
    public IrEmitter Emitter { get; } = emitter;
    public IReadOnlyList<LlvmValue> Arguments { get; } = arguments;
    public LlvmValue Result { get; } = result;

    /// <summary>The type of the result, for constants.</summary>
    public LlvmType Type => Result.Type;

    public LlvmValue X => Arguments[0];
    public LlvmValue Y => Arguments[1];
    public LlvmValue One => Const(1.0);

    public LlvmValue Const(double value) => IrEmitter.Constant(Type, value);
    public LlvmValue Add(LlvmValue a, LlvmValue b) => Emitter.FAdd(a, b);
    public LlvmValue Sub(LlvmValue a, LlvmValue b) => Emitter.FSub(a, b);
    public LlvmValue Mul(LlvmValue a, LlvmValue b) => Emitter.FMul(a, b);
    public LlvmValue Div(LlvmValue a, LlvmValue b) => Emitter.FDiv(a, b);
    public LlvmValue Neg(LlvmValue a) => Emitter.FNeg(a);
    public LlvmValue Square(LlvmValue a) => Emitter.FMul(a, a);
    public LlvmValue Reciprocal(LlvmValue a) => Emitter.FDiv(One, a);
    public LlvmValue Sqrt(LlvmValue a) => Call("sqrt", a);

    /// <summary>An overloaded LLVM math intrinsic of the call's type (<c>llvm.cos.f64</c>, ...).</summary>
    public LlvmValue Call(string intrinsic, params LlvmValue[] arguments) =>
        available?.Invoke(intrinsic, arguments) ?? Emitter.Intrinsic(intrinsic, arguments);

    /// <summary>1 where <paramref name="condition"/> holds, else 0.</summary>
    public LlvmValue Indicator(LlvmValue condition) => Emitter.Builder.Select(condition, One, Const(0.0));

    /// <summary>An integer converted to the call's type (splatted for vectors).</summary>
    public LlvmValue FromInteger(LlvmValue integer)
    {
        if (Type.Kind != LLVMTypeKind.LLVMVectorTypeKind)
        {
            return Emitter.Builder.Cast(LLVMOpcode.LLVMSIToFP, integer, Type);
        }
        LlvmValue scalar = Emitter.Builder.Cast(LLVMOpcode.LLVMSIToFP, integer, Type.ElementType);
        LlvmValue vector = LlvmValue.Poison(Type);
        for (uint i = 0; i < Type.VectorSize; i++)
        {
            vector = Emitter.Builder.InsertElement(vector, scalar, LlvmValue.ConstInt(Emitter.Context.Int32Type, i));
        }
        return vector;
    }

    public LlvmValue Equal(LlvmValue a, LlvmValue b) => Emitter.Builder.FCmp(LLVMRealPredicate.LLVMRealOEQ, a, b);

    /// <summary>ψ(x), computed in double precision whatever the call's type.</summary>
    public LlvmValue Digamma(LlvmValue x)
    {
        if (x.Type.Kind == LLVMTypeKind.LLVMVectorTypeKind)
        {
            throw new NotSupportedException("digamma of a vector");
        }
        LlvmFunction digamma = RuntimeSupport.Digamma(Emitter.Module);
        LlvmValue asDouble = Emitter.Convert(x, Emitter.Context.DoubleType);
        return Emitter.Convert(Emitter.CallFunction(digamma, asDouble), x.Type);
    }
}
