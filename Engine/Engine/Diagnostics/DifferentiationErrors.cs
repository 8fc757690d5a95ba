using Enzyme.Engine.Analysis;
using Enzyme.Llvm;

namespace Enzyme.Engine.Diagnostics;

/// <summary>
/// The errors both modes raise for constructs they cannot differentiate, worded once: each
/// names the function being differentiated, is placed at the instruction's source line, and
/// says how to fix it.
/// </summary>
public static class DifferentiationErrors
{
    public static EnzymeException UnknownFunction(LlvmFunction primal, LlvmInstruction call, CallTarget target, bool forward) =>
        target.CalleeName.StartsWith(Rules.FortranRuntimeDefinitions.RuntimePrefix, StringComparison.Ordinal)
        ? FortranRuntimeCall(primal, call, target.CalleeName)
        : OpenMpErrors.IsRuntimeName(target.CalleeName)
        ? OpenMpErrors.UnsupportedRuntimeCall(primal, call, target.CalleeName)
        : At(call, DiagnosticCodes.UnknownFunction,
            $"'{primal.Name}' calls '{target.CalleeName}' with active arguments, and its derivative is unknown; " +
            (forward ? $"register one with __enzyme_register_derivative_{target.CalleeName}" : "register a gradient for it") +
            ", or mark it inactive with __enzyme_inactivefn if it does not affect the result");

    /// <summary>
    /// A flang runtime routine (<c>_FortranA…</c>) reached by active data that the engine has no differentiable
    /// definition for: a registered gradient cannot help (the user never calls it by name), so the fix is in the Fortran.
    /// </summary>
    public static EnzymeException FortranRuntimeCall(LlvmFunction primal, LlvmInstruction call, string runtimeName) =>
        At(call, DiagnosticCodes.FortranRuntimeCall,
            $"'{primal.Name}' passes active data to the Fortran runtime routine '{runtimeName}', which cannot be differentiated; " +
            "whole-array sum, product, maxval, minval, norm2, dot_product, matmul and real array assignment are supported — " +
            "write this operation (e.g. a reduction with DIM= or MASK=) as a DO loop");

    /// <summary>Enzyme's custom-gradient convention has no place for the shadow of a returned pointer.</summary>
    public static EnzymeException CustomGradientReturningPointer(LlvmFunction function, DebugLocation? location) =>
        new(DiagnosticCodes.CallNotInlined,
            $"'{function.Name}' has a custom gradient but returns a pointer the caller differentiates through; a custom gradient cannot return that pointer's shadow — return the data through a pointer parameter instead",
            location);

    /// <summary>
    /// A call through a pointer with active arguments that no function the engine can differentiate may
    /// answer: no function of the call's type has its address taken in the module (the pointer comes from
    /// outside it), or every one that has lacks a derivative.
    /// </summary>
    public static EnzymeException IndirectCallWithoutTargets(LlvmFunction primal, LlvmInstruction call, IReadOnlyList<LlvmFunction> targets) =>
        At(call, DiagnosticCodes.IndirectCall, targets.Count == 0
            ? $"'{primal.Name}' calls a function through a pointer with active arguments, and no function of the module has that type and its address taken, so the pointer comes from code the engine does not see; link the module that defines the function into the input, or call it directly"
            : $"'{primal.Name}' calls a function through a pointer with active arguments, and none of the functions it may reach ({string.Join(", ", targets.Take(8).Select(t => t.Name))}) has a derivative; register a derivative (forward) or gradient (reverse) for them, or mark them inactive with __enzyme_inactivefn");

    /// <summary>A call through a pointer whose result is active although no argument is (it reads active memory only): not split, so not differentiated.</summary>
    public static EnzymeException IndirectCallActiveThroughMemory(LlvmFunction primal, LlvmInstruction call) =>
        At(call, DiagnosticCodes.IndirectCall,
            $"'{primal.Name}' calls a function through a pointer whose result depends on active memory it reads but not on its arguments, which reverse mode does not differentiate through a pointer yet; call the function directly");

    public static EnzymeException InlineAssembly(LlvmFunction primal, LlvmInstruction call) =>
        At(call, DiagnosticCodes.InlineAssembly,
            $"'{primal.Name}' passes active values to inline assembly, which cannot be differentiated; move the assembly into a function with a custom derivative");

    public static EnzymeException WriteToConstantMemory(LlvmFunction primal, LlvmInstruction site, string parameter) =>
        At(site, DiagnosticCodes.ActiveWriteToConstantMemory,
            $"'{primal.Name}' writes a value that depends on the active inputs into memory reached through {parameter}, which has no shadow; mark it enzyme_dup (with a shadow buffer) in the request");

    public static EnzymeException UntrackedPointer(LlvmFunction primal, LlvmInstruction site, LlvmValue source)
    {
        string origin = source.AsInstruction() is { IsCall: true } call ? $"the pointer returned by '{call.CalledValue.Name}'" : "a pointer";
        return At(site, DiagnosticCodes.UntrackedShadowPointer,
            $"'{primal.Name}' writes a value that depends on the active inputs through {origin}, for which no shadow memory can be made; pass that memory in as an enzyme_dup argument");
    }

    /// <summary>
    /// setjmp and its kin (LLVM's returns_twice): a longjmp back into the function would skip or repeat
    /// parts of the derivative's own control flow, so the call is refused wherever it appears.
    /// </summary>
    public static EnzymeException ReturnsTwice(LlvmFunction primal, LlvmInstruction call) =>
        At(call, DiagnosticCodes.ReturnsTwice,
            $"'{primal.Name}' calls '{call.CalledValue.Name}', which can return twice (setjmp); a derivative cannot follow a longjmp — move the setjmp/longjmp error handling outside the differentiated function");

    public static bool IsReturnsTwice(LlvmInstruction call) =>
        call.CalledValue.AsFunction() is { } callee && Transforms.FunctionAttributes.HasFunctionAttribute(callee, "returns_twice");

    private static EnzymeException At(LlvmInstruction instruction, string code, string message) => new(code, message, instruction.DebugLocation);
}
