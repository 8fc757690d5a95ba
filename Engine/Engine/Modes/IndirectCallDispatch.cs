using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes;

/// <summary>
/// How a call through a function pointer is differentiated, in both modes: the derivative calls a
/// dispatcher instead, which takes the run-time pointer first and then the arguments the derivative of
/// any one target would take, compares the pointer with each possible target
/// (<see cref="Analysis.IndirectCallTargets"/>) and calls the derivative made for the one it holds
/// (forward derivative; augmented or reverse half). Every target of one call has the call's type and
/// gets the same activity signature, so all derivatives share one type. A pointer that is none of the
/// targets, or a target without a derivative, reports ENZ2004 on stderr and aborts: never a silent zero.
/// </summary>
internal static class IndirectCallDispatch
{
    private const string ReportName = "__enzyme_sdk_indirect_call_without_derivative";

    private const string ReportIr = """
        define void @__enzyme_sdk_indirect_call_without_derivative(ptr %message, i64 %length) #0 {
        entry:
          %written = call i64 @write(i32 2, ptr %message, i64 %length)
          call void @abort()
          unreachable
        }
        declare i64 @write(i32, ptr, i64)
        declare void @abort()
        attributes #0 = { cold noinline noreturn nounwind }
        """;

    /// <summary>What the dispatcher calls when the pointer holds <see cref="Target"/>: <see cref="Derivative"/>, or a report of <see cref="Missing"/>.</summary>
    internal sealed record DispatchCase(LlvmFunction Target, LlvmFunction? Derivative, string? Missing);

    /// <summary>
    /// A dispatcher <c>name(ptr callee, derivative parameters...)</c> returning what the derivatives return.
    /// <paramref name="derivativeType"/> is the type every case's derivative has.
    /// </summary>
    public static LlvmFunction Build(LlvmContext context, LlvmModule module, string name, LlvmType derivativeType,
        IReadOnlyList<DispatchCase> cases, string unknownTargetMessage)
    {
        LlvmType[] parameters = [context.PointerType(), .. derivativeType.ParameterTypes];
        LlvmFunction dispatcher = module.AddFunction(name, LlvmType.Function(derivativeType.ReturnType, parameters));
        dispatcher.Linkage = LLVMLinkage.LLVMInternalLinkage;
        LlvmValue callee = dispatcher.GetParameter(0);
        callee.Name = "callee";
        LlvmValue[] arguments = Enumerable.Range(1, parameters.Length - 1).Select(dispatcher.GetParameter).ToArray();

        using var builder = new LlvmBuilder(context);
        LlvmBasicBlock test = context.AppendBasicBlock(dispatcher, "entry");
        foreach (DispatchCase dispatch in cases)
        {
            builder.PositionAtEnd(test);
            LlvmBasicBlock matched = context.AppendBasicBlock(dispatcher, "is." + dispatch.Target.Name);
            LlvmBasicBlock next = context.AppendBasicBlock(dispatcher, "not." + dispatch.Target.Name);
            builder.ConditionalBranch(builder.ICmp(LLVMIntPredicate.LLVMIntEQ, callee, dispatch.Target.Value), matched, next);
            builder.PositionAtEnd(matched);
            if (dispatch.Derivative is { } derivative)
            {
                LlvmValue result = builder.Call(derivative.FunctionType, derivative, arguments);
                if (derivativeType.ReturnType.IsVoid)
                {
                    builder.ReturnVoid();
                }
                else
                {
                    builder.Return(result);
                }
            }
            else
            {
                ReportAndStop(module, builder, dispatch.Missing!);
            }
            test = next;
        }
        builder.PositionAtEnd(test);
        ReportAndStop(module, builder, unknownTargetMessage);
        return dispatcher;
    }

    /// <summary>
    /// A body for a library function reached through a pointer (<c>malloc</c> in an allocator table): a
    /// direct call of it, which the engine differentiates like any call (its rule, or an error).
    /// </summary>
    public static LlvmFunction WrapDeclaration(LlvmContext context, LlvmModule module, LlvmFunction declaration)
    {
        string name = declaration.Name + ".called_through_pointer";
        if (module.GetFunction(name) is { } existing)
        {
            return existing;
        }
        LlvmFunction wrapper = module.AddFunction(name, declaration.FunctionType);
        wrapper.Linkage = LLVMLinkage.LLVMInternalLinkage;
        using var builder = new LlvmBuilder(context);
        builder.PositionAtEnd(context.AppendBasicBlock(wrapper, "entry"));
        LlvmValue result = builder.Call(declaration.FunctionType, declaration, wrapper.Parameters.ToArray());
        if (declaration.ReturnType.IsVoid)
        {
            builder.ReturnVoid();
        }
        else
        {
            builder.Return(result);
        }
        return wrapper;
    }

    /// <summary>
    /// Whether the library function a wrapper calls has a derivative the mode can use: a rule, an
    /// annotation, or a proof that it carries none. Forward mode takes custom forward derivatives,
    /// reverse mode custom gradients.
    /// </summary>
    public static bool WrappedCallIsDifferentiable(CallClassifier classifier, LlvmFunction wrapper, bool forward)
    {
        CallTarget target = classifier.Classify(wrapper.EntryBlock.Instructions.First());
        if (!forward && target.Gradient is not null)
        {
            return true;
        }
        return target.Kind switch
        {
            CallKind.UnknownExternal or CallKind.OtherIntrinsic or CallKind.InlineAssembly => false,
            CallKind.CustomForwardRule => forward,
            _ => true,
        };
    }

    /// <summary>A cache key for one dispatcher: the targets and the activity signature.</summary>
    public static string Key(IReadOnlyList<LlvmFunction> targets, string signature) =>
        $"{string.Join(",", targets.Select(t => t.Handle.Handle.ToString("x", System.Globalization.CultureInfo.InvariantCulture)))}|{signature}";

    /// <summary>The stderr text for a run-time pointer that is none of the targets.</summary>
    public static string UnknownTargetMessage(string primal, LlvmInstruction call, IReadOnlyList<LlvmFunction> targets) =>
        $"{Where(call)}: error {DiagnosticCodes.IndirectCall}: '{primal}' calls a function through a pointer with active arguments, and the function " +
        $"the pointer holds has no derivative: it is none of the {targets.Count} function(s) of this type whose address the program takes " +
        $"({string.Join(", ", targets.Take(8).Select(t => t.Name))}{(targets.Count > 8 ? ", ..." : "")}); differentiate only calls of functions " +
        "the differentiated module defines or declares\n";

    /// <summary>The stderr text for a target the engine cannot differentiate.</summary>
    public static string MissingDerivativeMessage(string primal, LlvmInstruction call, string target) =>
        $"{Where(call)}: error {DiagnosticCodes.IndirectCall}: '{primal}' calls '{target}' through a pointer with active arguments, and its derivative " +
        $"is unknown; register one (__enzyme_register_derivative_{target} / __enzyme_register_gradient_{target}), or mark it inactive with __enzyme_inactivefn\n";

    private static string Where(LlvmInstruction call) => call.DebugLocation is { } location ? location.ToString() : "an unknown source line";

    private static void ReportAndStop(LlvmModule module, LlvmBuilder builder, string message)
    {
        LlvmFunction report = Rules.RuntimeSupport.EnsureLinked(module, ReportName, ReportIr);
        LlvmValue text = builder.GlobalString(message, "enzyme.indirect.message");
        builder.Call(report.FunctionType, report.Value, [text, LlvmValue.ConstInt(module.Context.Int64Type, System.Text.Encoding.UTF8.GetByteCount(message))]);
        builder.Unreachable();
    }
}
