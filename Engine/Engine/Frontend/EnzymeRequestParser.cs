using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// Reads the arguments of an Enzyme API call the way Enzyme does: argument 0 (casts stripped)
/// is the function; then, for each of its parameters, an optional activity marker followed by
/// the value and, for duplicated arguments, one shadow per lane. <c>enzyme_width, N</c> sets the
/// number of lanes. Without a marker, integers are constant, pointers duplicated, and floats
/// duplicated (forward mode) or active (reverse mode). Every malformed call is an ENZ1xxx error
/// at the call's source line.
/// </summary>
public static class EnzymeRequestParser
{
    /// <param name="hasRule">Whether a function without a body is still differentiable (a custom or library rule).</param>
    /// <param name="splitMode">A split-mode call: <c>enzyme_tape</c>/<c>enzyme_allocated</c> are accepted, and values after the last parameter are kept.</param>
    public static DifferentiationRequest Parse(EnzymeCallSite site, bool forwardMode, Func<LlvmFunction, bool>? hasRule = null, bool splitMode = false)
    {
        LlvmInstruction call = site.Call;
        int argumentCount = call.ArgumentCount;
        if (argumentCount == 0)
        {
            throw Error(site, DiagnosticCodes.NotAFunction, $"call to '{site.CalleeName}' {site.Where} has no arguments; the first must be the function to differentiate");
        }
        // A struct result larger than two registers comes back through a hidden first argument.
        LlvmType? resultType = FunctionAttributes.CallSiteStructReturn(call, 0);
        int functionArgument = resultType is null ? 0 : 1;
        if (argumentCount <= functionArgument)
        {
            throw Error(site, DiagnosticCodes.NotAFunction, $"call to '{site.CalleeName}' {site.Where} has no arguments; the first must be the function to differentiate");
        }
        LlvmFunction function = ResolveFunction(site, call.GetArgument(functionArgument), hasRule);
        LlvmType[] parameters = function.FunctionType.ParameterTypes;

        var markerLoads = new List<LlvmInstruction>();
        var arguments = new List<RequestArgument>();
        var trailing = new List<LlvmValue>();
        LlvmValue? tapeBuffer = null;
        LlvmValue? allocatedSize = null;
        int width = 1;
        int next = functionArgument + 1;
        while (next < argumentCount)
        {
            LlvmValue value = call.GetArgument(next);
            string? marker = MarkerName(value, markerLoads);
            int parameter = arguments.Count;
            if (splitMode && marker is EnzymeMarkers.Tape or EnzymeMarkers.Allocated)
            {
                if (next + 1 >= argumentCount || MarkerName(call.GetArgument(next + 1), markerLoads) is not null)
                {
                    throw Error(site, DiagnosticCodes.MarkerWithoutValue, $"{marker} in the call to '{site.CalleeName}' {site.Where} must be followed by its value");
                }
                if (marker == EnzymeMarkers.Tape)
                {
                    tapeBuffer = call.GetArgument(next + 1);
                }
                else
                {
                    allocatedSize = call.GetArgument(next + 1);
                }
                next += 2;
                continue;
            }
            if (splitMode && parameter >= parameters.Length && marker is null)
            {
                trailing.Add(value);
                next++;
                continue;
            }
            if (marker == EnzymeMarkers.Width)
            {
                if (parameter > 0)
                {
                    throw Error(site, DiagnosticCodes.InvalidWidth, $"enzyme_width in the call to '{site.CalleeName}' {site.Where} must come before the arguments of '{function.Name}'");
                }
                if (next + 1 >= argumentCount || call.GetArgument(next + 1).ConstantIntValue is not { } n)
                {
                    throw Error(site, DiagnosticCodes.InvalidWidth, $"enzyme_width in the call to '{site.CalleeName}' {site.Where} must be followed by a constant integer");
                }
                if (n < 1 || n > 64)
                {
                    throw Error(site, DiagnosticCodes.InvalidWidth, $"enzyme_width {n} in the call to '{site.CalleeName}' {site.Where} is out of range; use 1 to 64");
                }
                width = (int)n;
                next += 2;
                continue;
            }
            if (parameter >= parameters.Length)
            {
                throw Error(site, DiagnosticCodes.TooManyArguments,
                    $"call to '{site.CalleeName}' {site.Where} passes more arguments than '{function.Name}' has parameters ({parameters.Length})");
            }
            LlvmType parameterType = parameters[parameter];
            if (marker is null)
            {
                ArgumentActivity implied = DefaultActivity(parameterType, forwardMode);
                arguments.Add(Take(site, function, call, implied, parameter, next, width, out next, markerLoads, null));
                continue;
            }
            ArgumentActivity activity = marker switch
            {
                EnzymeMarkers.Dup => ArgumentActivity.Duplicated,
                EnzymeMarkers.DupNoNeed => ArgumentActivity.DuplicatedNoNeed,
                EnzymeMarkers.DupVector => ArgumentActivity.Duplicated,
                EnzymeMarkers.Const => ArgumentActivity.Constant,
                EnzymeMarkers.Out => ArgumentActivity.Active,
                _ when EnzymeMarkers.OtherModeMarkers.Contains(marker) =>
                    throw Error(site, DiagnosticCodes.MarkerNotValidInMode, $"{marker} in the call to '{site.CalleeName}' {site.Where} is not supported by this engine for this kind of call"),
                _ => throw Error(site, DiagnosticCodes.UnknownMarker,
                    $"unknown activity marker '{marker}' in the call to '{site.CalleeName}' {site.Where}; use enzyme_dup, enzyme_dupnoneed, enzyme_dupv, enzyme_const, enzyme_out or enzyme_width"),
            };
            if (activity == ArgumentActivity.Active && forwardMode)
            {
                throw Error(site, DiagnosticCodes.MarkerNotValidInMode,
                    $"enzyme_out in the call to '{site.CalleeName}' {site.Where} is a reverse-mode marker; in forward mode pass the value followed by its tangent (enzyme_dup)");
            }
            arguments.Add(Take(site, function, call, activity, parameter, next + 1, width, out next, markerLoads, marker));
        }
        if (arguments.Count < parameters.Length)
        {
            throw Error(site, DiagnosticCodes.TooFewArguments,
                $"call to '{site.CalleeName}' {site.Where} supplies {arguments.Count} of the {parameters.Length} arguments of '{function.Name}'");
        }
        return new DifferentiationRequest(site, function, width, arguments, markerLoads,
            resultType is null ? null : call.GetArgument(0), resultType, tapeBuffer, allocatedSize, trailing);
    }

    private static ArgumentActivity DefaultActivity(LlvmType type, bool forwardMode)
    {
        if (type.IsPointer)
        {
            return ArgumentActivity.Duplicated;
        }
        if (TypeFacts.ContainsFloatingPoint(type))
        {
            return forwardMode ? ArgumentActivity.Duplicated : ArgumentActivity.Active;
        }
        return ArgumentActivity.Constant;
    }

    /// <summary>Consumes the value (and shadows) of one parameter starting at argument <paramref name="first"/>.</summary>
    private static RequestArgument Take(EnzymeCallSite site, LlvmFunction function, LlvmInstruction call, ArgumentActivity activity,
        int parameter, int first, int width, out int next, List<LlvmInstruction> markerLoads, string? marker)
    {
        bool dupv = marker == EnzymeMarkers.DupVector;
        int shadowCount = activity is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed ? (dupv ? 1 : width) : 0;
        int valuesNeeded = 1 + shadowCount + (dupv ? 1 : 0);
        string what = marker ?? "the argument";
        for (int k = 0; k < valuesNeeded; k++)
        {
            int index = first + k;
            if (index >= call.ArgumentCount)
            {
                throw Error(site, marker is null ? DiagnosticCodes.TooFewArguments : DiagnosticCodes.MarkerWithoutValue,
                    $"{what} for parameter {parameter + 1} of '{function.Name}' in the call to '{site.CalleeName}' {site.Where} needs {valuesNeeded} value(s) but the call ends after {k}");
            }
            if (MarkerName(call.GetArgument(index), markerLoads) is { } other)
            {
                throw Error(site, DiagnosticCodes.MarkerWithoutValue,
                    $"{what} for parameter {parameter + 1} of '{function.Name}' in the call to '{site.CalleeName}' {site.Where} is followed by marker {other} instead of a value");
            }
        }
        next = first + valuesNeeded;
        if (dupv)
        {
            LlvmValue stride = call.GetArgument(first);
            return new RequestArgument(parameter, activity, call.GetArgument(first + 1), [call.GetArgument(first + 2)], stride);
        }
        var shadows = new List<LlvmValue>();
        for (int k = 0; k < shadowCount; k++)
        {
            shadows.Add(call.GetArgument(first + 1 + k));
        }
        return new RequestArgument(parameter, activity, call.GetArgument(first), shadows);
    }

    /// <summary>The marker a value stands for: a load of, or a pointer to, a global named enzyme_*.</summary>
    private static string? MarkerName(LlvmValue value, List<LlvmInstruction> markerLoads)
    {
        // Front ends that build the call in IR (rustc's autodiff, Enzyme's own tests) pass markers as
        // metadata strings: metadata !"enzyme_dup".
        if (value.MetadataString is { } text)
        {
            return text.StartsWith(EnzymeMarkers.Prefix, StringComparison.Ordinal) ? text : null;
        }
        LlvmValue global = value;
        bool isLoad = value.AsInstruction() is { Opcode: LLVMOpcode.LLVMLoad };
        if (isLoad)
        {
            global = value.GetOperand(0);
        }
        // GPU code reads device globals through a cast to the generic address space.
        while (global.IsConstantExpression && global.ConstantOpcode is LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMBitCast)
        {
            global = global.GetOperand(0);
        }
        if (!global.IsGlobalVariable)
        {
            return null;
        }
        string name = global.Name;
        if (!name.StartsWith(EnzymeMarkers.Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        if (isLoad)
        {
            markerLoads.Add(value.AsInstruction()!.Value);
        }
        return name;
    }

    private static LlvmFunction ResolveFunction(EnzymeCallSite site, LlvmValue value, Func<LlvmFunction, bool>? hasRule)
    {
        LlvmValue stripped = value;
        while (true)
        {
            if (stripped.IsGlobalAlias)
            {
                stripped = stripped.AliasTarget;
                continue;
            }
            if (stripped.IsConstantExpression && stripped.ConstantOpcode is LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast)
            {
                stripped = stripped.GetOperand(0);
                continue;
            }
            if (stripped.AsInstruction() is { Opcode: LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast } cast)
            {
                stripped = cast.Value.GetOperand(0);
                continue;
            }
            break;
        }
        if (stripped.AsFunction() is not { } function)
        {
            throw Error(site, DiagnosticCodes.NotAFunction,
                $"the first argument of the call to '{site.CalleeName}' {site.Where} is not a known function; pass the function itself, e.g. (void*)f");
        }
        if (function.IsDeclaration && hasRule?.Invoke(function) != true)
        {
            throw Error(site, DiagnosticCodes.NotAFunction,
                $"'{function.Name}', differentiated by the call to '{site.CalleeName}' {site.Where}, has no body in the linked inputs; add the file that defines it to the inputs");
        }
        return function;
    }

    private static EnzymeException Error(EnzymeCallSite site, string code, string message) => new(code, message, site.Location);
}
