using Enzyme.Engine.Annotations;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// Decides what a call is, in the order the engine honours: user annotations (custom
/// derivatives, inactive functions, function-like) first, then the runtime library and math
/// rules, then user functions with bodies; anything else is an unknown external.
/// </summary>
public sealed class CallClassifier(EnzymeAnnotations annotations)
{
    private static bool ReturnsOnlyAnInteger(LlvmFunction function)
    {
        LlvmType type = function.FunctionType;
        return type.ReturnType.IsInteger && !type.IsVarArg && type.ParameterTypes.All(p => !p.IsPointer);
    }

    public CallTarget Classify(LlvmInstruction call)
    {
        CallTarget target = ClassifyIgnoringCustomGradients(call);
        return target.Callee is { } callee && annotations.CustomGradients.TryGetValue(callee, out CustomGradient? gradient)
            ? target with { Gradient = gradient }
            : target;
    }

    private CallTarget ClassifyIgnoringCustomGradients(LlvmInstruction call)
    {
        LlvmValue callee = call.CalledValue;
        if (callee.IsInlineAssembly)
        {
            return new CallTarget(CallKind.InlineAssembly, null);
        }
        if (callee.AsFunction() is not { } function)
        {
            return new CallTarget(CallKind.Indirect, null);
        }
        if (annotations.CustomForwardDerivatives.TryGetValue(function, out LlvmFunction custom))
        {
            return new CallTarget(CallKind.CustomForwardRule, function, CustomDerivative: custom);
        }
        if (annotations.InactiveFunctions.Contains(function))
        {
            return new CallTarget(CallKind.Inactive, function);
        }
        if (annotations.FunctionLike.TryGetValue(function, out string? like))
        {
            return MathRules.TryFind(like, isIntrinsic: false, out DerivativeRule likeRule)
                ? new CallTarget(CallKind.MathRule, function, likeRule)
                : new CallTarget(CallKind.UnknownExternal, function);
        }

        string name = function.Name;
        if (function.IntrinsicId != 0)
        {
            if (LibraryFunctions.IsIgnoredIntrinsic(name))
            {
                return new CallTarget(CallKind.IgnoredIntrinsic, function);
            }
            if (LibraryFunctions.IsMemoryTransferIntrinsic(name))
            {
                return new CallTarget(CallKind.MemoryTransfer, function);
            }
            if (LibraryFunctions.IsMemorySetIntrinsic(name))
            {
                return new CallTarget(CallKind.MemorySet, function);
            }
            if (name.StartsWith("llvm.frexp", StringComparison.Ordinal))
            {
                return new CallTarget(CallKind.Frexp, function);
            }
            if (name.StartsWith("llvm.modf", StringComparison.Ordinal))
            {
                return new CallTarget(CallKind.Modf, function);
            }
            return MathRules.TryFind(name, isIntrinsic: true, out DerivativeRule intrinsicRule)
                ? new CallTarget(CallKind.MathRule, function, intrinsicRule)
                : new CallTarget(CallKind.OtherIntrinsic, function);
        }
        if (!function.IsDeclaration)
        {
            return new CallTarget(CallKind.UserFunction, function);
        }
        if (LibraryFunctions.Allocators.Contains(name))
        {
            return new CallTarget(CallKind.Allocation, function);
        }
        if (LibraryFunctions.Deallocators.Contains(name))
        {
            return new CallTarget(CallKind.Deallocation, function);
        }
        if (name == LibraryFunctions.Reallocate)
        {
            return new CallTarget(CallKind.Reallocation, function);
        }
        if (LibraryFunctions.MemoryTransfers.Contains(name))
        {
            return new CallTarget(CallKind.MemoryTransfer, function);
        }
        if (name == LibraryFunctions.MemorySet)
        {
            return new CallTarget(CallKind.MemorySet, function);
        }
        if (name is "frexp" or "frexpf" or "frexpl")
        {
            return new CallTarget(CallKind.Frexp, function);
        }
        if (name is "modf" or "modff" or "modfl")
        {
            return new CallTarget(CallKind.Modf, function);
        }
        if (LibraryFunctions.Inactive.Contains(name))
        {
            return new CallTarget(CallKind.Inactive, function);
        }
        if (MathRules.TryFind(name, isIntrinsic: false, out DerivativeRule rule) && rule.Arity == function.ParameterCount)
        {
            return new CallTarget(CallKind.MathRule, function, rule);
        }
        if (ReturnsOnlyAnInteger(function))
        {
            // ilogb, lround, isnan-like classifiers: an integer result carries no derivative,
            // and without pointer arguments the call has no other way to pass one on.
            return new CallTarget(CallKind.Inactive, function);
        }
        return new CallTarget(CallKind.UnknownExternal, function);
    }
}
