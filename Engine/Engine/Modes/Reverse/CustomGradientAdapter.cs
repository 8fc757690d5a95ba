using Enzyme.Engine.Analysis;
using Enzyme.Engine.Annotations;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Gives the halves of a split gradient bodies that call the program's custom gradient
/// (<c>__enzyme_register_gradient_f[3] = {f, f_aug, f_rev}</c>), in Enzyme's conventions:
/// <list type="bullet">
/// <item><c>f_aug</c> takes f's arguments, each pointer passed with <c>enzyme_dup</c> followed by its shadow,
/// and returns nothing or a tape (<c>void*</c>) when f returns void, and f's result, or
/// <c>{void* tape, result}</c>, otherwise.</item>
/// <item><c>f_rev</c> takes the same arguments and shadows, then the result's adjoint when f returns a
/// floating-point value (0 where the result does not matter), then optionally the tape; it returns
/// nothing, the adjoint of f's one floating-point scalar parameter, or a struct of the adjoints of all
/// of them in order. Adjoints of pointed-to data are added to the shadows.</item>
/// </list>
/// The adapters are internal and tiny; the optimiser inlines them.
/// </summary>
internal sealed class CustomGradientAdapter(LlvmContext context, ReverseSignature signature, SplitGradient split,
    CustomGradient custom, DebugLocation? location)
{
    private LlvmFunction Primal => signature.Function;

    public void Build()
    {
        BuildAugmented();
        BuildReverse();
    }

    private void BuildAugmented()
    {
        LlvmFunction augmented = split.Augmented;
        using var builder = new LlvmBuilder(context);
        builder.PositionAtEnd(context.AppendBasicBlock(augmented, "entry"));
        LlvmValue[] arguments = Enumerable.Range(0, augmented.ParameterCount).Select(augmented.GetParameter).ToArray();
        RequireParameters(custom.Augment, arguments, "augmented forward function");
        LlvmValue result = builder.Call(custom.Augment.FunctionType, custom.Augment, arguments);
        LlvmType returned = custom.Augment.ReturnType;
        LlvmValue nullTape = LlvmValue.ConstNull(context.PointerType());
        if (!split.ReturnsPrimal)
        {
            if (returned.IsVoid)
            {
                builder.Return(nullTape);
            }
            else if (returned.IsPointer)
            {
                builder.Return(result);
            }
            else
            {
                throw Mismatch($"its augmented forward function '{custom.Augment.Name}' returns {returned}; for a void function it must return void or a tape (void*)");
            }
            return;
        }

        LlvmType primalType = Primal.ReturnType;
        LlvmValue primalResult;
        LlvmValue tape;
        if (returned == primalType)
        {
            (primalResult, tape) = (result, nullTape);
        }
        else if (returned.Kind == LLVMTypeKind.LLVMStructTypeKind && returned.StructElementCount == 2
            && returned.GetStructElement(0).IsPointer && returned.GetStructElement(1) == primalType)
        {
            (primalResult, tape) = (builder.ExtractValue(result, 1), builder.ExtractValue(result, 0));
        }
        else
        {
            throw Mismatch($"its augmented forward function '{custom.Augment.Name}' returns {returned}; it must return {primalType} (no tape) or {{ptr, {primalType}}} (tape, result)");
        }
        LlvmValue pair = builder.InsertValue(LlvmValue.Poison(augmented.ReturnType), primalResult, 0);
        builder.Return(builder.InsertValue(pair, tape, 1));
    }

    private void BuildReverse()
    {
        LlvmFunction reverse = split.Reverse;
        using var builder = new LlvmBuilder(context);
        builder.PositionAtEnd(context.AppendBasicBlock(reverse, "entry"));
        int shadowedCount = split.Augmented.ParameterCount;
        var arguments = Enumerable.Range(0, shadowedCount).Select(reverse.GetParameter).ToList();
        LlvmType[] expected = custom.Reverse.FunctionType.ParameterTypes;
        LlvmType primalType = Primal.ReturnType;
        if (TypeFacts.IsFloatingPointValue(primalType) && arguments.Count < expected.Length && expected[arguments.Count] == primalType)
        {
            arguments.Add(signature.SeedFromParameter ? reverse.GetParameter(shadowedCount) : LlvmValue.ConstNull(primalType));
        }
        if (arguments.Count < expected.Length && expected[arguments.Count].IsPointer)
        {
            arguments.Add(reverse.GetParameter(reverse.ParameterCount - 1));
        }
        RequireParameters(custom.Reverse, arguments, "reverse function");
        LlvmValue adjoints = builder.Call(custom.Reverse.FunctionType, custom.Reverse, [.. arguments]);

        List<int> scalars = Enumerable.Range(0, Primal.ParameterCount)
            .Where(i => TypeFacts.IsFloatingPointValue(Primal.FunctionType.ParameterTypes[i])).ToList();
        List<int> active = Enumerable.Range(0, Primal.ParameterCount).Where(i => signature.Activities[i] == ArgumentActivity.Active).ToList();
        if (active.Count == 0)
        {
            builder.ReturnVoid();
            return;
        }
        LlvmType returned = custom.Reverse.ReturnType;
        LlvmValue AdjointOf(int parameter)
        {
            int position = scalars.IndexOf(parameter);
            if (scalars.Count == 1 && returned == Primal.FunctionType.ParameterTypes[parameter])
            {
                return adjoints;
            }
            if (returned.Kind == LLVMTypeKind.LLVMStructTypeKind && returned.StructElementCount == scalars.Count
                && returned.GetStructElement(position) == Primal.FunctionType.ParameterTypes[parameter])
            {
                return builder.ExtractValue(adjoints, position);
            }
            throw Mismatch($"its reverse function '{custom.Reverse.Name}' returns {returned}; with {scalars.Count} floating-point scalar parameter(s) it must return "
                + (scalars.Count == 1 ? $"{Primal.FunctionType.ParameterTypes[scalars[0]]}" : "a struct of their adjoints, in parameter order"));
        }
        if (active.Count == 1)
        {
            builder.Return(AdjointOf(active[0]));
            return;
        }
        LlvmValue result = LlvmValue.Poison(reverse.ReturnType);
        for (int k = 0; k < active.Count; k++)
        {
            result = builder.InsertValue(result, AdjointOf(active[k]), k);
        }
        builder.Return(result);
    }

    private void RequireParameters(LlvmFunction function, IReadOnlyList<LlvmValue> arguments, string what)
    {
        LlvmType[] parameters = function.FunctionType.ParameterTypes;
        if (parameters.Length == arguments.Count && !function.FunctionType.IsVarArg
            && parameters.Zip(arguments).All(p => p.First == p.Second.Type))
        {
            return;
        }
        // Clang drops value names, so parameters are described by type and position (x0 is f's first parameter).
        var described = new List<string>();
        LlvmType[] primalParameters = Primal.FunctionType.ParameterTypes;
        for (int i = 0; i < primalParameters.Length; i++)
        {
            described.Add($"{primalParameters[i]} x{i}");
            if (signature.Activities[i] is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed)
            {
                described.Add($"{primalParameters[i]} d_x{i}");
            }
        }
        if (what == "reverse function")
        {
            if (TypeFacts.IsFloatingPointValue(Primal.ReturnType))
            {
                described.Add($"{Primal.ReturnType} d_result");
            }
            described.Add("ptr tape (optional)");
        }
        throw Mismatch($"its {what} '{function.Name}' takes ({string.Join(", ", parameters.Select(p => p.ToString()))}); at this call it must take ({string.Join(", ", described)}) — "
            + "a pointer without a shadow here is not passed with enzyme_dup");
    }

    private EnzymeException Mismatch(string detail) =>
        new(DiagnosticCodes.InvalidCustomRule, $"the custom gradient registered for '{Primal.Name}' does not fit: {detail}", location);
}
