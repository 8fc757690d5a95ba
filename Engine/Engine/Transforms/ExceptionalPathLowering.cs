using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Prepares C++ code compiled with exceptions for differentiation. Derivatives are defined on
/// the path that does not throw, so the exceptional edges are cut: every <c>invoke</c> is marked
/// <c>nounwind</c>, which the following <c>simplifycfg</c> turns into a plain call and whose
/// landing pads it then deletes as unreachable. A throw that still happens on the differentiated
/// path (a <c>throw</c> expression, or a <c>std::__throw_*</c> helper such as a vector's
/// length error) would then unwind into code that has no handler: instead the derivative reports
/// <see cref="DiagnosticCodes.ExceptionOnDifferentiatedPath"/> with the function and source line
/// on stderr and aborts, so it never returns a silently wrong derivative.
/// </summary>
internal static class ExceptionalPathLowering
{
    private const string ReportName = "__enzyme_sdk_exception_on_differentiated_path";

    private const string ReportIr = """
        define void @__enzyme_sdk_exception_on_differentiated_path(ptr %message, i64 %length) #0 {
        entry:
          %written = call i64 @write(i32 2, ptr %message, i64 %length)
          call void @abort()
          unreachable
        }
        declare i64 @write(i32, ptr, i64)
        declare void @abort()
        attributes #0 = { cold noinline noreturn nounwind }
        """;

    /// <summary>
    /// Turns the invokes of <paramref name="function"/> that <paramref name="select"/> picks (all when null)
    /// into calls, deleting the landing pads no invoke reaches any more; false when there was none.
    /// </summary>
    public static bool CutExceptionalEdges(LlvmContext context, LlvmFunction function, Func<LlvmInstruction, bool>? select = null)
    {
        LlvmAttribute noUnwind = FunctionAttributes.Create(context, "nounwind");
        bool any = false;
        foreach (LlvmInstruction instruction in function.Instructions.Where(i => i.Opcode == LLVMOpcode.LLVMInvoke).ToList())
        {
            if ((select is null || select(instruction)) && !IsThrow(instruction.CalledValue.Name))
            {
                instruction.AddCallSiteAttribute(LlvmAttributeIndex.Function, noUnwind);
                any = true;
            }
        }
        if (any)
        {
            // simplifycfg replaces a nounwind invoke by a call and drops the landing pads left
            // unreachable. It skips optnone functions (user code at -O0), so that is lifted meanwhile.
            uint optNoneKind = FunctionAttributes.Kind("optnone");
            LlvmAttribute? optNone = function.GetEnumAttribute(LlvmAttributeIndex.Function, optNoneKind);
            if (optNone is not null)
            {
                function.RemoveEnumAttribute(LlvmAttributeIndex.Function, optNoneKind);
            }
            function.RunPasses("simplifycfg", "cutting exceptional edges");
            if (optNone is { } restored)
            {
                function.AddAttribute(LlvmAttributeIndex.Function, restored);
            }
        }
        return any;
    }

    /// <summary>Makes every throw left in <paramref name="function"/> (the copy being differentiated, named after <paramref name="differentiated"/>) report ENZ2010 and abort.</summary>
    public static void ReportThrows(LlvmModule module, LlvmFunction function, string differentiated)
    {
        using var builder = new LlvmBuilder(module.Context);
        foreach (LlvmInstruction instruction in function.Instructions.ToList())
        {
            if ((instruction.IsCall || instruction.Opcode == LLVMOpcode.LLVMInvoke) && IsThrow(instruction.CalledValue.Name))
            {
                ReportBefore(module, builder, instruction, differentiated);
            }
        }
    }

    /// <summary>The C++ runtime's throw entry points: <c>__cxa_throw</c>, <c>__cxa_rethrow</c> and libstdc++'s <c>std::__throw_*</c> helpers.</summary>
    public static bool IsThrow(string callee) => callee is "__cxa_throw" or "__cxa_rethrow"
        || (callee.StartsWith("_ZSt", StringComparison.Ordinal) && callee.Contains("__throw_", StringComparison.Ordinal));

    private static void ReportBefore(LlvmModule module, LlvmBuilder builder, LlvmInstruction throwSite, string differentiated)
    {
        string where = throwSite.DebugLocation is { } location ? location.ToString() : "an unknown source line";
        string message = $"{where}: error {DiagnosticCodes.ExceptionOnDifferentiatedPath}: a C++ exception was thrown on the differentiated path of '{differentiated}'; "
            + "derivatives are defined only where the function does not throw: check the inputs, or move the throwing check out of the differentiated function\n";
        LlvmFunction report = Rules.RuntimeSupport.EnsureLinked(module, ReportName, ReportIr);
        builder.PositionBefore(throwSite);
        LlvmValue text = builder.GlobalString(message, "enzyme.exception.message");
        builder.Call(report.FunctionType, report.Value, [text, LlvmValue.ConstInt(module.Context.Int64Type, System.Text.Encoding.UTF8.GetByteCount(message))]);
    }
}
