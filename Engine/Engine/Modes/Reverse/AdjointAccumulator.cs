using Enzyme.Engine.Analysis;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Adjoints of primal values: one zero-initialised entry-block alloca per value (mem2reg
/// promotes them later), read and reset where the reverse sweep passes the value's definition,
/// added to by each of its uses. The sums are <c>reassoc nsz contract</c>; on a GPU, adjoints
/// added to memory other threads may share are added atomically.
/// </summary>
internal sealed class AdjointAccumulator
{
    private readonly ReverseGradientState _state;

    public AdjointAccumulator(ReverseGradientState state)
    {
        _state = state;
    }

    private LlvmValue AdjointSlot(LlvmValue value)
    {
        if (!_state.AdjointSlots.TryGetValue(value.Handle, out LlvmValue slot))
        {
            slot = _state.EntryAlloca(value.Type, value.Name + "'de");
            _state.AdjointSlots[value.Handle] = slot;
        }
        return slot;
    }

    /// <summary>Reads an instruction's accumulated adjoint and resets it (loops define the value again).</summary>
    public LlvmValue TakeAdjoint(LlvmValue value)
    {
        LlvmValue slot = AdjointSlot(value);
        LlvmValue adjoint = _state.Builder.Load(value.Type, slot);
        _state.Builder.Store(LlvmValue.ConstNull(value.Type), slot);
        return adjoint;
    }

    /// <summary>Adds <paramref name="delta"/> to the adjoint of <paramref name="value"/>; nothing for values without a floating-point adjoint.</summary>
    public void AddToAdjoint(LlvmValue value, LlvmValue delta)
    {
        if (value.IsConstant || !_state.Analysis.IsShadowed(value) || !TypeFacts.ContainsFloatingPoint(value.Type))
        {
            return;
        }
        LlvmValue slot = AdjointSlot(value);
        _state.Builder.Store(Add(_state.Builder.Load(value.Type, slot), delta), slot);
    }

    /// <summary>The sum of two adjoints: floating-point scalars and vectors, or the floating-point members of structs and arrays.</summary>
    public LlvmValue Add(LlvmValue a, LlvmValue b)
    {
        LlvmType type = a.Type;
        if (TypeFacts.IsFloatingPointValue(type))
        {
            // Accumulating into zero-initialised adjoints: with no-signed-zeros, 0 + d folds to d
            // (an adjoint of -0 instead of +0 changes no result), and contraction allows fma.
            LlvmValue sum = _state.Builder.FAdd(a, b);
            sum.FastMathFlags = LLVMFastMathFlags.LLVMFastMathAllowReassoc | LLVMFastMathFlags.LLVMFastMathNoSignedZeros | LLVMFastMathFlags.LLVMFastMathAllowContract;
            return sum;
        }
        int count = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.StructElementCount : (int)type.ArrayLength;
        LlvmValue result = a;
        for (int i = 0; i < count; i++)
        {
            LlvmType element = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.GetStructElement(i) : type.ElementType;
            if (TypeFacts.ContainsFloatingPoint(element))
            {
                result = _state.Builder.InsertValue(result, Add(_state.Builder.ExtractValue(a, i), _state.Builder.ExtractValue(b, i)), i);
            }
        }
        return result;
    }

    /// <summary>
    /// On a GPU every thread of a kernel runs this reverse sweep at once (so do the threads of an OpenMP parallel region), and several threads may read the
    /// same primal location (a broadcast parameter, a neighbour in a stencil): their adjoints must add up in
    /// its shadow without losing updates. Memory private to the thread (its stack) needs no atomics.
    /// </summary>
    public bool NeedsAtomicAccumulation(LlvmValue pointer, LlvmType type)
    {
        return TypeFacts.IsFloatingPointValue(type) && _state.IsSharedBetweenThreads(pointer);
    }

    private static uint ScalarBytes(LlvmType type) => type.Kind switch
    {
        LLVMTypeKind.LLVMHalfTypeKind or LLVMTypeKind.LLVMBFloatTypeKind => 2,
        LLVMTypeKind.LLVMFloatTypeKind => 4,
        LLVMTypeKind.LLVMDoubleTypeKind => 8,
        _ => 16,
    };

    /// <summary>*shadow += d with one atomic add per lane.</summary>
    public void AccumulateAtomically(LlvmValue shadowPointer, LlvmValue d, uint alignment)
    {
        if (d.Type.Kind != LLVMTypeKind.LLVMVectorTypeKind)
        {
            _state.Builder.AtomicFAdd(shadowPointer, d).WithAlignment(Math.Max(alignment, ScalarBytes(d.Type)));
            return;
        }
        LlvmType element = d.Type.ElementType;
        for (uint lane = 0; lane < d.Type.VectorSize; lane++)
        {
            LlvmValue address = _state.Builder.Gep(element, shadowPointer, [LlvmValue.ConstInt(_state.Context.Int64Type, lane)]);
            LlvmValue value = _state.Builder.ExtractElement(d, LlvmValue.ConstInt(_state.Context.Int32Type, lane));
            _state.Builder.AtomicFAdd(address, value).WithAlignment(ScalarBytes(element));
        }
    }
}
