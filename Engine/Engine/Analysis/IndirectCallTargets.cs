using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// The functions a call through a pointer may reach. When the called pointer is a function, or a
/// select or phi of functions (<c>flag ? sq : cube</c> after optimisation), exactly those. Otherwise
/// (a pointer loaded from a vtable, an array or a struct, or received as a parameter) every function
/// of the module whose address is taken — used other than as the callee of a direct call, e.g. in a
/// vtable or another global's initialiser, stored to memory, passed as an argument — and whose type is
/// the call's type. A function named only as the one an Enzyme request differentiates does not count.
/// The run-time pointer is compared against these (<see cref="Modes.IndirectCallDispatch"/>); one that
/// is none of them stops the program with ENZ2004.
/// </summary>
public sealed class IndirectCallTargets(LlvmModule module)
{
    private const int SelectDepthLimit = 8;

    private Dictionary<LLVMTypeRef, List<LlvmFunction>>? _addressTakenByType;

    public IReadOnlyList<LlvmFunction> PossibleTargets(LlvmInstruction call)
    {
        var exact = new List<LlvmFunction>();
        if (CollectChosenFunctions(call.CalledValue, exact, 0))
        {
            return exact.DistinctBy(f => f.Handle).ToList();
        }
        _addressTakenByType ??= CollectAddressTaken();
        return _addressTakenByType.TryGetValue(call.CalledFunctionType.Handle, out List<LlvmFunction>? targets) ? targets : [];
    }

    /// <summary>True when <paramref name="callee"/> is a function or a select/phi tree whose leaves all are.</summary>
    private static bool CollectChosenFunctions(LlvmValue callee, List<LlvmFunction> functions, int depth)
    {
        if (callee.AsFunction() is { } function)
        {
            functions.Add(function);
            return true;
        }
        if (depth >= SelectDepthLimit || callee.AsInstruction() is not { } instruction)
        {
            return false;
        }
        return instruction.Opcode switch
        {
            LLVMOpcode.LLVMSelect => CollectChosenFunctions(callee.GetOperand(1), functions, depth + 1)
                && CollectChosenFunctions(callee.GetOperand(2), functions, depth + 1),
            LLVMOpcode.LLVMPHI => instruction.Incoming.All(incoming => CollectChosenFunctions(incoming.Value, functions, depth + 1)),
            _ => false,
        };
    }

    private Dictionary<LLVMTypeRef, List<LlvmFunction>> CollectAddressTaken()
    {
        var byType = new Dictionary<LLVMTypeRef, List<LlvmFunction>>();
        foreach (LlvmFunction function in module.Functions)
        {
            if (function.IntrinsicId != 0 || !IsAddressTaken(function))
            {
                continue;
            }
            LLVMTypeRef type = function.FunctionType.Handle;
            if (!byType.TryGetValue(type, out List<LlvmFunction>? list))
            {
                byType[type] = list = [];
            }
            list.Add(function);
        }
        return byType;
    }

    private static bool IsAddressTaken(LlvmFunction function)
    {
        foreach (LlvmValue user in function.Value.Users)
        {
            if (user.AsInstruction() is { IsCall: true } call)
            {
                bool onlyCallee = call.CalledValue.Handle == function.Handle
                    && Enumerable.Range(0, call.ArgumentCount).All(i => call.GetArgument(i).Handle != function.Handle);
                // The function an Enzyme request differentiates (its argument 0); a function passed
                // further on, e.g. enzyme_const, is a real pointer the derivative may call.
                bool differentiatedByARequest = call.ArgumentCount > 0 && call.GetArgument(0).Handle == function.Handle
                    && Enumerable.Range(1, call.ArgumentCount - 1).All(i => call.GetArgument(i).Handle != function.Handle)
                    && call.CalledValue.AsFunction() is { } requested && requested.Name.Contains("__enzyme_", StringComparison.Ordinal);
                if (onlyCallee || differentiatedByARequest)
                {
                    continue;
                }
            }
            return true;
        }
        return false;
    }
}
