using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes;

/// <summary>
/// Converts between the shapes an Enzyme request's call site has and the types of the derivative
/// it is replaced by. Arguments arrive as C varargs passed them (float promoted to double, narrow
/// integers widened) and are converted to the parameter types; tangents and adjoints come back as
/// the derivative returns them and are converted to the type the call site declared, which the C
/// ABI may have flattened (a struct of N doubles, <c>{ &lt;2 x float&gt;, float }</c> for three
/// floats) or returned through an <c>sret</c> pointer. IR is emitted at the builder's position.
/// </summary>
internal static class CallSiteAbi
{
    /// <summary>
    /// Forward mode: each argument converted to its parameter's type, followed, when duplicated, by
    /// its shadow for every lane (<c>enzyme_dupv</c>: the base pointer plus lane × stride bytes).
    /// </summary>
    public static List<LlvmValue> ForwardArguments(IrEmitter emitter, DifferentiationRequest request, LlvmFunction function)
    {
        LlvmBuilder builder = emitter.Builder;
        LlvmType[] parameterTypes = function.FunctionType.ParameterTypes;
        var arguments = new List<LlvmValue>();
        foreach (RequestArgument argument in request.Arguments)
        {
            LlvmType type = parameterTypes[argument.ParameterIndex];
            arguments.Add(Coerce(emitter, argument.Primal, type, request.Site, argument.ParameterIndex));
            if (!argument.HasShadow)
            {
                continue;
            }
            for (int k = 0; k < request.Width; k++)
            {
                LlvmValue shadow = argument.ShadowStride is { } stride
                    ? builder.Gep(emitter.Context.Int8Type, argument.Shadows[0], [builder.Mul(stride, LlvmValue.ConstInt(stride.Type, k))])
                    : argument.Shadows[k];
                arguments.Add(Coerce(emitter, shadow, type, request.Site, argument.ParameterIndex));
            }
        }
        return arguments;
    }

    /// <summary>Reverse mode: each argument converted to its parameter's type, followed by its shadow when duplicated.</summary>
    public static List<LlvmValue> ReverseArguments(IrEmitter emitter, DifferentiationRequest request, LlvmFunction function)
    {
        LlvmType[] parameterTypes = function.FunctionType.ParameterTypes;
        var arguments = new List<LlvmValue>();
        foreach (RequestArgument argument in request.Arguments)
        {
            LlvmType type = parameterTypes[argument.ParameterIndex];
            arguments.Add(Coerce(emitter, argument.Primal, type, request.Site, argument.ParameterIndex));
            if (argument.HasShadow)
            {
                arguments.Add(Coerce(emitter, argument.Shadows[0], type, request.Site, argument.ParameterIndex));
            }
        }
        return arguments;
    }

    /// <summary>
    /// Gives the request's result the derivative call's tangent(s) (<paramref name="result"/>, of a
    /// function returning <paramref name="primalType"/>): stored through the sret pointer, or
    /// replacing the call's uses. The request's call itself stays for the caller to erase.
    /// </summary>
    public static void ReplaceWithTangents(IrEmitter emitter, DifferentiationRequest request, LlvmValue result, LlvmType primalType)
    {
        LlvmInstruction call = request.Site.Call;
        result.CopyDebugLocationFrom(call);
        if (request.ResultPointer is { } resultPointer)
        {
            emitter.Builder.Store(ConvertTangents(emitter, result, primalType, request.Width, request.ResultType!.Value, request.Site), resultPointer);
        }
        else if (!call.Type.IsVoid && call.Value.Users.Any())
        {
            call.Value.ReplaceAllUsesWith(ConvertTangents(emitter, result, primalType, request.Width, call.Type, request.Site));
        }
    }

    /// <summary>
    /// Gives the request's result the gradient call's adjoints (<paramref name="result"/>): stored
    /// through the sret pointer, or replacing the call's uses. The request's call itself stays for the caller to erase.
    /// </summary>
    public static void ReplaceWithAdjoints(IrEmitter emitter, DifferentiationRequest request, LlvmValue result)
    {
        LlvmInstruction call = request.Site.Call;
        result.CopyDebugLocationFrom(call);
        if (request.ResultPointer is { } resultPointer)
        {
            emitter.Builder.Store(ConvertAdjoints(emitter, result, request.ResultType!.Value, request.Site, request.Width), resultPointer);
        }
        else if (!call.Type.IsVoid && call.Value.Users.Any())
        {
            call.Value.ReplaceAllUsesWith(ConvertAdjoints(emitter, result, call.Type, request.Site, request.Width));
        }
    }

    /// <summary>Converts an argument as C varargs passed it (float promoted to double, narrow ints widened).</summary>
    public static LlvmValue Coerce(IrEmitter emitter, LlvmValue value, LlvmType type, EnzymeCallSite site, int parameter)
    {
        if (value.Type == type)
        {
            return value;
        }
        bool convertible = (value.Type.IsFloatingPoint && type.IsFloatingPoint) || (value.Type.IsInteger && type.IsInteger);
        if (!convertible)
        {
            throw new EnzymeException(DiagnosticCodes.ArgumentTypeMismatch,
                $"argument for parameter {parameter + 1} in the call to '{site.CalleeName}' {site.Where} has type {value.Type}, but the parameter is {type}", site.Location);
        }
        return emitter.Convert(value, type);
    }

    /// <summary>The tangent (or, with enzyme_width N, the N tangents) in the type the call site declared.</summary>
    private static LlvmValue ConvertTangents(IrEmitter emitter, LlvmValue result, LlvmType primalType, int width, LlvmType callType, EnzymeCallSite site)
    {
        EnzymeException Mismatch() => new(DiagnosticCodes.ReturnTypeMismatch,
            $"the call to '{site.CalleeName}' {site.Where} is declared to return {callType}, but the derivative returns {(width == 1 ? primalType.ToString() : $"{width} tangents of type {primalType}")}; " +
            (width == 1 ? "declare it with the function's return type" : $"declare it to return a struct or array of {width} elements of that type"), site.Location);

        if (width == 1)
        {
            if (callType == result.Type)
            {
                return result;
            }
            return primalType.IsFloatingPoint && callType.IsFloatingPoint ? emitter.Convert(result, callType) : throw Mismatch();
        }
        // A struct, array or vector of N elements, possibly nested (struct { double d[N]; },
        // or { <2 x float>, float } as the C ABI returns three floats).
        List<int[]> leaves = Leaves(callType, []);
        if (leaves.Count != width)
        {
            throw Mismatch();
        }
        return ScatterIntoLeaves(emitter, result, callType, leaves, Mismatch);
    }

    /// <summary>The adjoints of the enzyme_out arguments in the type the call site declared (one value, or a struct).</summary>
    private static LlvmValue ConvertAdjoints(IrEmitter emitter, LlvmValue result, LlvmType callType, EnzymeCallSite site, int width)
    {
        LlvmType resultType = result.Type;
        string what = width == 1 ? "the adjoints of the enzyme_out arguments, a struct when there are several"
            : $"{width} adjoints per enzyme_out argument, argument by argument";
        EnzymeException Mismatch() => new(DiagnosticCodes.ReturnTypeMismatch,
            $"the call to '{site.CalleeName}' {site.Where} is declared to return {callType}, but the gradient returns {resultType} ({what})", site.Location);
        if (callType == resultType)
        {
            return result;
        }
        if (resultType.IsFloatingPoint && callType.IsFloatingPoint)
        {
            return emitter.Convert(result, callType);
        }
        List<int[]> leaves = Leaves(callType, []);
        if (resultType.Kind != LLVMTypeKind.LLVMStructTypeKind || leaves.Count != resultType.StructElementCount)
        {
            throw Mismatch();
        }
        return ScatterIntoLeaves(emitter, result, callType, leaves, Mismatch);
    }

    /// <summary>
    /// A value of <paramref name="callType"/> whose k-th scalar leaf is element k of the derivative's
    /// aggregate <paramref name="result"/>, each converted between floating-point types where they differ.
    /// </summary>
    private static LlvmValue ScatterIntoLeaves(IrEmitter emitter, LlvmValue result, LlvmType callType, List<int[]> leaves, Func<EnzymeException> mismatch)
    {
        LlvmBuilder builder = emitter.Builder;
        LlvmValue converted = LlvmValue.Poison(callType);
        for (int k = 0; k < leaves.Count; k++)
        {
            LlvmType leafType = LeafType(callType, leaves[k]);
            LlvmValue element = builder.ExtractValue(result, k);
            if (element.Type != leafType)
            {
                element = element.Type.IsFloatingPoint && leafType.IsFloatingPoint ? emitter.Convert(element, leafType) : throw mismatch();
            }
            converted = InsertLeaf(emitter, converted, leaves[k], element);
        }
        return converted;
    }

    /// <summary>Index paths of the scalar elements of a (nested) struct, array or vector, in memory order.</summary>
    private static List<int[]> Leaves(LlvmType type, int[] prefix)
    {
        int count = type.Kind switch
        {
            LLVMTypeKind.LLVMStructTypeKind => type.StructElementCount,
            LLVMTypeKind.LLVMArrayTypeKind => (int)type.ArrayLength,
            LLVMTypeKind.LLVMVectorTypeKind => (int)type.VectorSize,
            _ => -1,
        };
        if (count < 0)
        {
            return [prefix];
        }
        var leaves = new List<int[]>();
        for (int i = 0; i < count; i++)
        {
            LlvmType element = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.GetStructElement(i) : type.ElementType;
            leaves.AddRange(Leaves(element, [.. prefix, i]));
        }
        return leaves;
    }

    private static LlvmType LeafType(LlvmType type, int[] path)
    {
        foreach (int index in path)
        {
            type = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.GetStructElement(index) : type.ElementType;
        }
        return type;
    }

    private static LlvmValue InsertLeaf(IrEmitter emitter, LlvmValue aggregate, int[] path, LlvmValue leaf)
    {
        LlvmBuilder builder = emitter.Builder;
        if (aggregate.Type.Kind == LLVMTypeKind.LLVMVectorTypeKind)
        {
            return builder.InsertElement(aggregate, leaf, LlvmValue.ConstInt(emitter.Context.Int32Type, path[0]));
        }
        if (path.Length == 1)
        {
            return builder.InsertValue(aggregate, leaf, path[0]);
        }
        LlvmValue inner = builder.ExtractValue(aggregate, path[0]);
        return builder.InsertValue(aggregate, InsertLeaf(emitter, inner, path[1..], leaf), path[0]);
    }
}
