using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Builds the IR the modes and rules need at the builder's current position: arithmetic,
/// constants of any floating-point type (splatted for vectors), overloaded intrinsic calls,
/// and declarations of C library functions.
/// </summary>
public sealed class IrEmitter(LlvmContext context, LlvmModule module, LlvmBuilder builder)
{
    public LlvmContext Context { get; } = context;
    public LlvmModule Module { get; } = module;
    public LlvmBuilder Builder { get; } = builder;

    public LlvmValue FAdd(LlvmValue a, LlvmValue b) => Builder.FAdd(a, b);
    public LlvmValue FSub(LlvmValue a, LlvmValue b) => Builder.FSub(a, b);
    public LlvmValue FMul(LlvmValue a, LlvmValue b) => Builder.FMul(a, b);
    public LlvmValue FDiv(LlvmValue a, LlvmValue b) => Builder.FDiv(a, b);
    public LlvmValue FNeg(LlvmValue a) => Builder.FNeg(a);

    /// <summary>A floating-point constant of <paramref name="type"/>; vectors get a splat.</summary>
    public static LlvmValue Constant(LlvmType type, double value)
    {
        if (type.Kind == LLVMTypeKind.LLVMVectorTypeKind)
        {
            LlvmValue element = LlvmValue.ConstReal(type.ElementType, value);
            var elements = new LlvmValue[type.VectorSize];
            Array.Fill(elements, element);
            return LlvmValue.ConstVector(elements);
        }
        return LlvmValue.ConstReal(type, value);
    }

    /// <summary>Calls <c>llvm.NAME</c> overloaded on the types given (by default the first argument's).</summary>
    public LlvmValue Intrinsic(string name, ReadOnlySpan<LlvmValue> arguments, ReadOnlySpan<LlvmType> overloadTypes = default)
    {
        LlvmType[] overloads = overloadTypes.IsEmpty ? [arguments[0].Type] : overloadTypes.ToArray();
        (LlvmValue function, LlvmType functionType) = IntrinsicDeclaration(name, overloads);
        return Builder.Call(functionType, function, arguments);
    }

    public (LlvmValue Function, LlvmType Type) IntrinsicDeclaration(string name, LlvmType[] overloads)
    {
        string fullName = "llvm." + name;
        LlvmIntrinsic intrinsic = LlvmIntrinsic.Find(fullName) ?? throw new InvalidOperationException($"LLVM has no intrinsic {fullName}");
        // Target intrinsics such as llvm.nvvm.cos.approx.f have a fixed signature: no overload types.
        LlvmType[] types = intrinsic.IsOverloaded ? overloads : [];
        return (intrinsic.Declare(Module, types), intrinsic.FunctionType(Context, types));
    }

    /// <summary>Declares (once) and returns a C function of the module.</summary>
    public LlvmFunction DeclareFunction(string name, LlvmType functionType) =>
        Module.GetFunction(name) ?? Module.AddFunction(name, functionType);

    /// <summary>The C library's <c>free</c>, declared once.</summary>
    public LlvmFunction Free() => DeclareFunction("free", LlvmType.Function(Context.VoidType, [Context.PointerType()]));

    public LlvmValue CallFunction(LlvmFunction function, params LlvmValue[] arguments) =>
        Builder.Call(function.FunctionType, function, arguments);

    /// <summary>Converts between floating-point types, or between integer widths (signed).</summary>
    public LlvmValue Convert(LlvmValue value, LlvmType target)
    {
        if (value.Type == target)
        {
            return value;
        }
        if (value.Type.IsFloatingPoint && target.IsFloatingPoint)
        {
            return Builder.FPCast(value, target);
        }
        if (value.Type.IsInteger && target.IsInteger)
        {
            return Builder.IntCast(value, target, isSigned: true);
        }
        throw new InvalidOperationException($"cannot convert {value.Type} to {target}");
    }
}
