using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// Turns <see cref="GradientSpecification"/>s into exported C functions whose bodies are the
/// Enzyme API call a user would have written, so the engine then differentiates them like any
/// other request. Reverse: <c>NAME(x, dx (dup), c (const), y (out), ...)</c> returns the
/// adjoints of the <c>out</c> parameters (one value, or a struct in order). Forward:
/// <c>NAME(x, dx, ...)</c> returns the tangent of the result.
/// </summary>
public static class GradientEntryPoints
{
    public static void Synthesize(LlvmModule module, IReadOnlyList<GradientSpecification> specifications)
    {
        foreach (GradientSpecification specification in specifications)
        {
            Synthesize(module, specification);
        }
    }

    private static void Synthesize(LlvmModule module, GradientSpecification specification)
    {
        LlvmContext context = module.Context;
        if (module.GetFunction(specification.FunctionName) is not { IsDeclaration: false } function)
        {
            throw new EnzymeException(DiagnosticCodes.GradientFunctionMissing,
                $"the gradient '{specification.Name}' asks for the derivative of '{specification.FunctionName}', which is not defined in any source; check the EnzymeGradient item's Include");
        }
        LlvmFunction? declared = module.GetFunction(specification.Name);
        if (declared is { IsDeclaration: false })
        {
            throw new EnzymeException(DiagnosticCodes.GradientActivityMismatch,
                $"the gradient '{specification.Name}' would replace an existing function of that name; choose another Name");
        }
        LlvmType[] parameters = function.FunctionType.ParameterTypes;
        if (specification.Activities.Count != parameters.Length)
        {
            throw Mismatch(specification, $"'{specification.FunctionName}' has {parameters.Length} parameter(s) but {specification.Activities.Count} activities are given");
        }

        var wrapperParameters = new List<LlvmType>();
        var adjointTypes = new List<LlvmType>();
        for (int i = 0; i < parameters.Length; i++)
        {
            LlvmType type = parameters[i];
            ArgumentActivity activity = specification.Activities[i];
            wrapperParameters.Add(type);
            switch (activity)
            {
                case ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed:
                    if (!specification.IsForward && !type.IsPointer)
                    {
                        throw Mismatch(specification, $"parameter {i + 1} is a {type}; in reverse mode only pointers can be dup (scalars are out)");
                    }
                    wrapperParameters.Add(type);
                    break;
                case ArgumentActivity.Active:
                    if (specification.IsForward || !TypeFacts.IsFloatingPointValue(type))
                    {
                        throw Mismatch(specification, $"parameter {i + 1} cannot be out: {(specification.IsForward ? "out is a reverse-mode activity" : "only floating-point parameters have adjoints")}");
                    }
                    adjointTypes.Add(type);
                    break;
            }
        }
        LlvmType returnType = specification.IsForward
            ? (TypeFacts.CarriesDerivative(function.ReturnType) ? function.ReturnType : context.VoidType)
            : adjointTypes.Count switch
            {
                0 => context.VoidType,
                1 => adjointTypes[0],
                _ => context.StructType([.. adjointTypes]),
            };

        LlvmFunction wrapper = module.AddFunction(specification.Name + ".gradient", LlvmType.Function(returnType, [.. wrapperParameters]));
        if (declared is { } declaration)
        {
            // Other inputs declare the entry point to call it: they get this definition.
            declaration.Value.ReplaceAllUsesWith(wrapper);
            declaration.Delete();
        }
        LlvmValue wrapperValue = wrapper.Value;
        wrapperValue.Name = specification.Name;
        string entryPoint = specification.IsForward ? "__enzyme_fwddiff" : "__enzyme_autodiff";
        LlvmFunction api = module.AddFunction($"{entryPoint}.{specification.Name}", LlvmType.Function(returnType, [context.PointerType()], isVarArg: true));

        using var builder = new LlvmBuilder(context);
        builder.PositionAtEnd(context.AppendBasicBlock(wrapper, "entry"));
        var arguments = new List<LlvmValue> { function };
        int next = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            ArgumentActivity activity = specification.Activities[i];
            string marker = activity switch
            {
                ArgumentActivity.Duplicated => EnzymeMarkers.Dup,
                ArgumentActivity.DuplicatedNoNeed => EnzymeMarkers.DupNoNeed,
                ArgumentActivity.Active => EnzymeMarkers.Out,
                _ => EnzymeMarkers.Const,
            };
            arguments.Add(builder.Load(context.Int32Type, MarkerGlobal(module, marker)));
            arguments.Add(wrapper.GetParameter(next++));
            if (activity is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed)
            {
                arguments.Add(wrapper.GetParameter(next++));
            }
        }
        LlvmValue result = builder.Call(api.FunctionType, api, [.. arguments]);
        if (returnType.IsVoid)
        {
            builder.ReturnVoid();
        }
        else
        {
            builder.Return(result);
        }
    }

    private static LlvmValue MarkerGlobal(LlvmModule module, string name)
    {
        if (module.GetGlobal(name) is { } existing)
        {
            return existing;
        }
        LlvmGlobalVariable global = module.AddGlobal(module.Context.Int32Type, name);
        global.Linkage = LLVMLinkage.LLVMExternalLinkage;
        return global;
    }

    private static EnzymeException Mismatch(GradientSpecification specification, string reason) =>
        new(DiagnosticCodes.GradientActivityMismatch, $"the gradient '{specification.Name}' of '{specification.FunctionName}': {reason}");
}
