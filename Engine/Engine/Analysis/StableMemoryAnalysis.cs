using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// Finds loads whose memory no instruction of the function may write, so the reverse sweep can
/// load the value again instead of caching it. Objects are told apart by their base (argument,
/// alloca, allocation call, global); two arguments may alias unless one is <c>noalias</c>; a
/// write through a pointer of unknown origin, or an opaque call, may write anything. Frees do
/// not count: the reverse sweep defers them to their reverse position.
/// </summary>
public sealed class StableMemoryAnalysis
{
    private readonly LlvmFunction _function;
    private readonly CallClassifier _classifier;
    private readonly List<LlvmValue?> _writtenBases = [];
    private readonly Dictionary<LLVMValueRef, List<LlvmValue>?> _baseCache = [];

    public StableMemoryAnalysis(LlvmFunction function, CallClassifier classifier)
    {
        _function = function;
        _classifier = classifier;
        foreach (LlvmInstruction instruction in function.Instructions)
        {
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMStore:
                    AddWrite(instruction.Value.GetOperand(1));
                    break;
                case LLVMOpcode.LLVMAtomicRMW or LLVMOpcode.LLVMAtomicCmpXchg:
                    AddWrite(instruction.Value.GetOperand(0));
                    break;
                case LLVMOpcode.LLVMCall:
                    AddCallWrites(instruction);
                    break;
            }
        }
    }

    /// <summary>True when nothing in the function may write the memory <paramref name="load"/> reads.</summary>
    public bool IsStable(LlvmInstruction load)
    {
        List<LlvmValue>? bases = Bases(load.Value.GetOperand(0));
        if (bases is null)
        {
            return false;
        }
        foreach (LlvmValue? written in _writtenBases)
        {
            if (written is null || bases.Any(b => MayAlias(b, written.Value)))
            {
                return false;
            }
        }
        return true;
    }

    private void AddCallWrites(LlvmInstruction call)
    {
        CallTarget target = _classifier.Classify(call);
        switch (target.Kind)
        {
            case CallKind.IgnoredIntrinsic or CallKind.MathRule or CallKind.Allocation or CallKind.Deallocation or CallKind.Inactive:
                return;
            case CallKind.MemoryTransfer or CallKind.MemorySet:
                AddWrite(call.GetArgument(0));
                return;
            case CallKind.Frexp or CallKind.Modf:
                if (call.ArgumentCount > 1)
                {
                    AddWrite(call.GetArgument(1));
                }
                return;
            default:
                _writtenBases.Add(null);
                return;
        }
    }

    private void AddWrite(LlvmValue pointer)
    {
        List<LlvmValue>? bases = Bases(pointer);
        if (bases is null)
        {
            _writtenBases.Add(null);
            return;
        }
        foreach (LlvmValue b in bases)
        {
            _writtenBases.Add(b);
        }
    }

    /// <summary>The objects a pointer may be based on, or null when one of them is unknown.</summary>
    private List<LlvmValue>? Bases(LlvmValue pointer)
    {
        if (_baseCache.TryGetValue(pointer.Handle, out List<LlvmValue>? cached))
        {
            return cached;
        }
        var bases = new List<LlvmValue>();
        var seen = new HashSet<LLVMValueRef>();
        var pending = new Stack<LlvmValue>();
        pending.Push(pointer);
        List<LlvmValue>? result = bases;
        while (pending.Count > 0 && result is not null)
        {
            LlvmValue p = pending.Pop();
            if (!seen.Add(p.Handle))
            {
                continue;
            }
            if (p.IsArgument || p.IsGlobalVariable)
            {
                bases.Add(p);
                continue;
            }
            if (p.IsConstantExpression)
            {
                pending.Push(p.GetOperand(0));
                continue;
            }
            if (p.AsInstruction() is not { } instruction)
            {
                result = null;
                break;
            }
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMAlloca:
                    bases.Add(p);
                    break;
                case LLVMOpcode.LLVMCall when _classifier.Classify(instruction).Kind == CallKind.Allocation:
                    bases.Add(p);
                    break;
                case LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMFreeze:
                    pending.Push(p.GetOperand(0));
                    break;
                case LLVMOpcode.LLVMSelect:
                    pending.Push(p.GetOperand(1));
                    pending.Push(p.GetOperand(2));
                    break;
                case LLVMOpcode.LLVMPHI:
                    for (uint i = 0; i < LLVM.LLVMCountIncoming(instruction.Handle); i++)
                    {
                        pending.Push(new LlvmValue(LLVM.LLVMGetIncomingValue(instruction.Handle, i)));
                    }
                    break;
                default:
                    result = null;
                    break;
            }
        }
        _baseCache[pointer.Handle] = result;
        return result;
    }

    private bool MayAlias(LlvmValue a, LlvmValue b)
    {
        if (a.Handle == b.Handle)
        {
            return true;
        }
        bool aFresh = a.IsInstruction, bFresh = b.IsInstruction;
        if (aFresh || bFresh)
        {
            // Allocas and allocation results are distinct from every other object.
            return false;
        }
        if (a.IsGlobalVariable && b.IsGlobalVariable)
        {
            return false;
        }
        return !(IsNoAlias(a) || IsNoAlias(b));
    }

    private bool IsNoAlias(LlvmValue value)
    {
        if (!value.IsArgument)
        {
            return false;
        }
        int index = _function.Parameters.ToList().FindIndex(p => p.Handle == value.Handle);
        return index >= 0 && FunctionAttributes.HasParameterAttribute(_function, index, "noalias");
    }
}
