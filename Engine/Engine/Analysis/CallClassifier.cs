using Enzyme.Engine.Annotations;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Rules.Calls;
using Enzyme.Llvm;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// Decides what a call is, in the order the engine honours: user annotations (custom
/// derivatives, inactive functions, function-like) first, then the runtime library and math
/// rules, then user functions with bodies, then library functions known or proven to carry no
/// derivative; anything else is an unknown external.
/// </summary>
/// <param name="context">Where the module's named struct types are looked up (<see cref="DerivativeFreeSignature"/>).</param>
public sealed class CallClassifier(EnzymeAnnotations annotations, LlvmContext? context = null)
{
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
        if (annotations.InactiveFunctions.Contains(function)
            || Frontend.EnzymeCallSiteFinder.Classify(function.Name) == Frontend.EnzymeEntryPoint.IgnoreDerivatives)
        {
            return new CallTarget(CallKind.Inactive, function);
        }
        if (annotations.FunctionLike.TryGetValue(function, out string? like))
        {
            return CallRules.FindMath(like, isIntrinsic: false) is { } likeRule
                ? new CallTarget(CallKind.LibraryRule, function, likeRule)
                : new CallTarget(CallKind.UnknownExternal, function);
        }

        string name = function.Name;
        if (function.IntrinsicId != 0)
        {
            if (LibraryFunctions.IsIgnoredIntrinsic(name))
            {
                return new CallTarget(CallKind.IgnoredIntrinsic, function);
            }
            CallRule? intrinsicRule = CallRules.FindSpecial(function, isIntrinsic: true) ?? CallRules.FindMath(name, isIntrinsic: true);
            return intrinsicRule is not null
                ? new CallTarget(CallKind.LibraryRule, function, intrinsicRule)
                : new CallTarget(CallKind.OtherIntrinsic, function);
        }
        if (OpenMpRuntime.IsFork(function))
        {
            return new CallTarget(CallKind.ParallelFork, function);
        }
        if (!function.IsDeclaration)
        {
            return new CallTarget(CallKind.UserFunction, function);
        }
        if (CallRules.FindSpecial(function, isIntrinsic: false) is { } special)
        {
            return new CallTarget(CallKind.LibraryRule, function, special);
        }
        if (LibraryFunctions.IsKnownInactive(name))
        {
            return new CallTarget(CallKind.Inactive, function);
        }
        if (CallRules.FindMath(name, isIntrinsic: false) is { } math && math.Rule.Arity == function.ParameterCount)
        {
            return new CallTarget(CallKind.LibraryRule, function, math);
        }
        if (DerivativeFreeSignature.Proves(function, context))
        {
            // ilogb, lround, hash and rehash policies: nothing the call returns or writes can carry a derivative.
            return new CallTarget(CallKind.Inactive, function);
        }
        return new CallTarget(CallKind.UnknownExternal, function);
    }
}
