using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Annotations;

/// <summary>
/// What the program says about itself through Enzyme's registration globals, honoured before
/// any function body is differentiated:
/// <c>__enzyme_register_derivative_*[2] = {f, f_fwd}</c> (custom forward derivative),
/// <c>__enzyme_register_gradient_*[3] = {f, f_aug, f_rev}</c> (custom reverse-mode gradient),
/// <c>__enzyme_inactivefn* = f</c> or an array of functions,
/// <c>__enzyme_function_like*[2] = {f, "log1p"}</c> (use a known rule),
/// <c>__enzyme_inactive_global* = &amp;g</c> or an array.
/// </summary>
public sealed class EnzymeAnnotations
{
    public const string CustomDerivativePrefix = "__enzyme_register_derivative";
    public const string CustomGradientPrefix = "__enzyme_register_gradient";
    public const string InactiveFunctionPrefix = "__enzyme_inactivefn";
    public const string FunctionLikePrefix = "__enzyme_function_like";
    public const string InactiveGlobalPrefix = "__enzyme_inactive_global";

    /// <summary>Registrations of Enzyme's API that this engine does not implement (ENZ1016).</summary>
    private static readonly string[] UnsupportedPrefixes = ["__enzyme_register_splitderivative", "__enzyme_allocation_like"];

    public Dictionary<LlvmFunction, LlvmFunction> CustomForwardDerivatives { get; } = [];
    public Dictionary<LlvmFunction, CustomGradient> CustomGradients { get; } = [];
    public HashSet<LlvmFunction> InactiveFunctions { get; } = [];
    public Dictionary<LlvmFunction, string> FunctionLike { get; } = [];

    /// <summary>Keyed by handle because <c>ForwardActivityAnalysis</c> asks it that way (until that file moves to the wrappers).</summary>
    public HashSet<LLVMValueRef> InactiveGlobals { get; } = [];

    public static EnzymeAnnotations Read(LlvmModule module)
    {
        var annotations = new EnzymeAnnotations();
        foreach (LlvmValue global in module.Globals)
        {
            string name = global.Name;
            if (!name.StartsWith("__enzyme_", StringComparison.Ordinal))
            {
                continue;
            }
            if (global.AsGlobalVariable()?.Initializer is not { } initializer)
            {
                continue;
            }
            if (UnsupportedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } unsupported)
            {
                // Ignoring it would differentiate the function's body (or fail on it) instead of using the registration.
                throw new EnzymeException(DiagnosticCodes.UnsupportedAnnotation,
                    $"'{name}' is Enzyme's {unsupported}* registration, which this engine does not implement; " +
                    "register the function with __enzyme_register_gradient_* (reverse mode) or __enzyme_register_derivative_* (forward mode), or remove the registration");
            }
            List<LlvmValue> elements = Elements(initializer);
            if (name.StartsWith(CustomDerivativePrefix, StringComparison.Ordinal))
            {
                if (elements.Count != 2 || StripCasts(elements[0]).AsFunction() is not { } primal || StripCasts(elements[1]).AsFunction() is not { } derivative)
                {
                    throw new EnzymeException(DiagnosticCodes.InvalidCustomRule,
                        $"'{name}' must be an array of two functions {{primal, forward derivative}}");
                }
                annotations.CustomForwardDerivatives[primal] = derivative;
            }
            else if (name.StartsWith(CustomGradientPrefix, StringComparison.Ordinal))
            {
                if (elements.Count != 3 || StripCasts(elements[0]).AsFunction() is not { } primal
                    || StripCasts(elements[1]).AsFunction() is not { } augment || StripCasts(elements[2]).AsFunction() is not { } reverse)
                {
                    throw new EnzymeException(DiagnosticCodes.InvalidCustomRule,
                        $"'{name}' must be an array of three functions {{primal, augmented forward, reverse}}");
                }
                annotations.CustomGradients[primal] = new CustomGradient(augment, reverse);
            }
            else if (name.StartsWith(InactiveFunctionPrefix, StringComparison.Ordinal))
            {
                foreach (LlvmValue element in elements)
                {
                    if (StripCasts(element).AsFunction() is { } function)
                    {
                        annotations.InactiveFunctions.Add(function);
                    }
                }
            }
            else if (name.StartsWith(FunctionLikePrefix, StringComparison.Ordinal))
            {
                if (elements.Count != 2 || StripCasts(elements[0]).AsFunction() is not { } function || ReadString(StripCasts(elements[1])) is not { } like)
                {
                    throw new EnzymeException(DiagnosticCodes.InvalidCustomRule,
                        $"'{name}' must be an array {{function, \"name of a known math function\"}}");
                }
                annotations.FunctionLike[function] = like;
            }
            else if (name.StartsWith(InactiveGlobalPrefix, StringComparison.Ordinal))
            {
                foreach (LlvmValue element in elements)
                {
                    LlvmValue target = StripCasts(element);
                    if (target.IsGlobalVariable)
                    {
                        annotations.InactiveGlobals.Add(target.Handle);
                    }
                }
            }
        }
        return annotations;
    }

    /// <summary>The pointers an initializer holds: one, or each element of an array.</summary>
    private static List<LlvmValue> Elements(LlvmValue initializer)
    {
        if (initializer.Type.Kind != LLVMTypeKind.LLVMArrayTypeKind)
        {
            return [initializer];
        }
        var elements = new List<LlvmValue>();
        for (int i = 0; i < (int)initializer.Type.ArrayLength; i++)
        {
            if (initializer.GetAggregateElement(i) is { } element)
            {
                elements.Add(element);
            }
        }
        return elements;
    }

    private static LlvmValue StripCasts(LlvmValue value)
    {
        while (value.IsConstantExpression && value.ConstantOpcode is LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast)
        {
            value = value.GetOperand(0);
        }
        return value;
    }

    private static string? ReadString(LlvmValue value) =>
        value.AsGlobalVariable()?.Initializer?.ConstantDataString?.TrimEnd('\0');
}
