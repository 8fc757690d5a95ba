using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Gives atomic updates of floating-point data the form the rules differentiate, after preprocessing and
/// before either mode:
/// <list type="bullet">
/// <item>An exchange of a float's bits, <c>atomicrmw xchg p, iN (bitcast double v)</c> (how clang lowers
/// C11 <c>atomic_exchange</c> and <c>__atomic_exchange</c> on a <c>double</c>), becomes
/// <c>atomicrmw xchg p, double v</c>: an integer exchange would move the value without its derivative.</item>
/// <item>The compare-and-swap loop of an atomic add or subtract — C11 <c>_Atomic double x; x += v</c>,
/// CUDA's classic <c>atomicAdd</c> on <c>double</c> through <c>atomicCAS</c>, a loop of
/// <c>__atomic_compare_exchange</c>:
/// <code>
/// loop: old = phi [init, entry], [seen, loop]           ; double, or its i64 bits
///       ok/seen = cmpxchg p, bits(old), bits(old + v)    ; old + v, old − v, or fmuladd(a, b, old)
///       br ok (or seen == bits(old)), exit, loop         ; seen may be ok ? bits(old) : seen
/// </code>
/// becomes <c>old = atomicrmw fadd/fsub p, v</c> at the top of the loop, with <c>ok</c> true, so the
/// loop runs once. That is the execution in which the first compare-and-swap succeeds, which the loop
/// allows: the memory ends up <c>old + v</c>, and every use of <c>old</c>, <c>seen</c> and the new value
/// sees the values of the successful iteration. <c>fmuladd(a, b, old)</c> becomes an add of <c>a · b</c>
/// (clang contracts <c>x += a * b</c> at -O0; the primal may then round once more).</item>
/// </list>
/// Recognised only when v (and p) are computed before the loop and the loop body has no other side
/// effect; every other compare-and-swap of floating-point bits is refused by
/// <see cref="Rules.Instructions.CompareExchangeRule"/>.
/// </summary>
internal static class AtomicUpdateCanonicalization
{
    /// <summary>Rewrites the function's atomic updates; true when it changed anything (run the cleanup passes again).</summary>
    public static bool Run(LlvmContext context, LlvmFunction function)
    {
        bool changed = false;
        using var builder = new LlvmBuilder(context);
        foreach (LlvmInstruction instruction in function.Instructions.ToList())
        {
            if (instruction.Opcode == LLVMOpcode.LLVMAtomicRMW)
            {
                changed |= RetypeExchange(context, builder, instruction);
            }
            else if (instruction.Opcode == LLVMOpcode.LLVMAtomicCmpXchg)
            {
                changed |= ReplaceAddLoop(context, builder, instruction);
            }
        }
        return changed;
    }

    private static bool RetypeExchange(LlvmContext context, LlvmBuilder builder, LlvmInstruction exchange)
    {
        LlvmValue value = exchange.Value.GetOperand(1);
        if (exchange.AtomicRmwOperation != LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpXchg || exchange.IsVolatile
            || value.AsInstruction() is not { Opcode: LLVMOpcode.LLVMBitCast } cast
            || FloatOfWidth(context, value.Type) is not { } floating || cast.Value.GetOperand(0).Type != floating)
        {
            return false;
        }
        builder.PositionBefore(exchange);
        LlvmValue typed = builder.AtomicRmw(LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpXchg, exchange.Value.GetOperand(0), cast.Value.GetOperand(0),
            exchange.Ordering, exchange.SyncScope).WithAlignment(exchange.Value.Alignment);
        typed.CopyDebugLocationFrom(exchange);
        exchange.Value.ReplaceAllUsesWith(builder.Cast(LLVMOpcode.LLVMBitCast, typed, value.Type));
        exchange.EraseFromParent();
        return true;
    }

    private static bool ReplaceAddLoop(LlvmContext context, LlvmBuilder builder, LlvmInstruction compareExchange)
    {
        LlvmValue cas = compareExchange.Value;
        LlvmValue pointer = cas.GetOperand(0), expected = cas.GetOperand(1), replacement = cas.GetOperand(2);
        LlvmBasicBlock loop = compareExchange.Parent;
        if (compareExchange.IsVolatile || FloatOfWidth(context, expected.Type) is not { } floating || DefinedIn(pointer, loop)
            || !LeavesOnSuccess(compareExchange, loop) || !OnlyPureInstructions(loop, compareExchange))
        {
            return false;
        }

        // The loop-carried old value: a phi of the double (compared as its bits) or of the bits.
        LlvmInstruction phi;
        if (expected.AsInstruction() is { Opcode: LLVMOpcode.LLVMPHI } bitsPhi && bitsPhi.Parent == loop)
        {
            phi = bitsPhi;
        }
        else if (expected.AsInstruction() is { Opcode: LLVMOpcode.LLVMBitCast } cast
            && cast.Value.GetOperand(0).AsInstruction() is { Opcode: LLVMOpcode.LLVMPHI } floatPhi && floatPhi.Parent == loop)
        {
            phi = floatPhi;
        }
        else
        {
            return false;
        }
        if (phi.IncomingCount != 2 || !phi.Incoming.Any(i => i.Block == loop && IsSeenValue(i.Value, compareExchange, phi.Type)))
        {
            return false;
        }
        bool IsOld(LlvmValue v) => phi.Type == floating
            ? v == phi.Value
            : v.AsInstruction() is { Opcode: LLVMOpcode.LLVMBitCast } c && c.Value.GetOperand(0) == phi.Value;

        if (replacement.AsInstruction() is not { Opcode: LLVMOpcode.LLVMBitCast } newBits
            || newBits.Value.GetOperand(0).AsInstruction() is not { } update || update.Type != floating
            || Increment(update, IsOld, loop) is not { } increment)
        {
            return false;
        }

        builder.PositionBefore(FirstNonPhi(loop));
        LlvmValue amount = increment.Factor is { } factor ? builder.FMul(increment.Amount, factor) : increment.Amount;
        LlvmValue old = builder.AtomicRmw(increment.Operation, pointer, amount, compareExchange.CompareExchangeSuccessOrdering, compareExchange.SyncScope)
            .WithAlignment(cas.Alignment);
        old.CopyDebugLocationFrom(compareExchange);
        LlvmValue oldBits = builder.Cast(LLVMOpcode.LLVMBitCast, old, expected.Type);
        phi.Value.ReplaceAllUsesWith(phi.Type == floating ? old : oldBits);
        phi.EraseFromParent();

        builder.PositionBefore(compareExchange);
        LlvmValue succeeded = builder.InsertValue(builder.InsertValue(LlvmValue.Poison(cas.Type), oldBits, 0), LlvmValue.ConstInt(context.Int1Type, 1), 1);
        cas.ReplaceAllUsesWith(succeeded);
        compareExchange.EraseFromParent();
        return true;
    }

    /// <summary>What the loop adds to the old value: <c>old + a</c>, <c>a + old</c>, <c>old − a</c>, <c>fmuladd(a, f, old)</c>.</summary>
    private static (LLVMAtomicRMWBinOp Operation, LlvmValue Amount, LlvmValue? Factor)? Increment(LlvmInstruction update, Func<LlvmValue, bool> isOld, LlvmBasicBlock loop)
    {
        LlvmValue value = update.Value;
        switch (update.Opcode)
        {
            case LLVMOpcode.LLVMFAdd when isOld(value.GetOperand(0)) && !DefinedIn(value.GetOperand(1), loop):
                return (LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFAdd, value.GetOperand(1), null);
            case LLVMOpcode.LLVMFAdd when isOld(value.GetOperand(1)) && !DefinedIn(value.GetOperand(0), loop):
                return (LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFAdd, value.GetOperand(0), null);
            case LLVMOpcode.LLVMFSub when isOld(value.GetOperand(0)) && !DefinedIn(value.GetOperand(1), loop):
                return (LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFSub, value.GetOperand(1), null);
            case LLVMOpcode.LLVMCall when IsFusedMultiplyAdd(update) && isOld(update.GetArgument(2))
                && !DefinedIn(update.GetArgument(0), loop) && !DefinedIn(update.GetArgument(1), loop):
                return (LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFAdd, update.GetArgument(0), update.GetArgument(1));
            default:
                return null;
        }
    }

    private static bool IsFusedMultiplyAdd(LlvmInstruction call) =>
        call.CalledValue.AsFunction() is { } callee && callee.Name.StartsWith("llvm.fmuladd.", StringComparison.Ordinal);

    /// <summary>The value the compare-and-swap found, as the phi carries it back: its bits, or those bits as the float.</summary>
    private static bool IsSeenValue(LlvmValue value, LlvmInstruction compareExchange, LlvmType phiType)
    {
        if (value.Type != phiType)
        {
            return false;
        }
        LlvmValue bits = value.AsInstruction() is { Opcode: LLVMOpcode.LLVMBitCast } cast ? cast.Value.GetOperand(0) : value;
        return IsSeen(bits, compareExchange);
    }

    /// <summary>
    /// The value the compare-and-swap found at p: its field 0, or what <c>__atomic_compare_exchange</c> leaves in
    /// <c>expected</c>, <c>ok ? expected : found</c> (the same value: on success memory held <c>expected</c>).
    /// </summary>
    private static bool IsSeen(LlvmValue value, LlvmInstruction compareExchange) =>
        IsField(value, compareExchange, 0)
        || (value.AsInstruction() is { Opcode: LLVMOpcode.LLVMSelect } select && IsField(select.Value.GetOperand(0), compareExchange, 1)
            && select.Value.GetOperand(1) == compareExchange.Value.GetOperand(1) && IsField(select.Value.GetOperand(2), compareExchange, 0));

    private static bool IsField(LlvmValue value, LlvmInstruction compareExchange, uint index) =>
        value.AsInstruction() is { Opcode: LLVMOpcode.LLVMExtractValue } extract
        && extract.Value.GetOperand(0) == compareExchange.Value && extract.AggregateIndices is [var i] && i == index;

    /// <summary>The loop's own block branches back to itself exactly when the compare-and-swap failed.</summary>
    private static bool LeavesOnSuccess(LlvmInstruction compareExchange, LlvmBasicBlock loop)
    {
        if (loop.Terminator is not { Opcode: LLVMOpcode.LLVMBr, SuccessorCount: 2 } branch)
        {
            return false;
        }
        LlvmValue condition = branch.Value.GetOperand(0);
        bool backOnFalse = branch.GetSuccessor(1) == loop && branch.GetSuccessor(0) != loop;
        bool backOnTrue = branch.GetSuccessor(0) == loop && branch.GetSuccessor(1) != loop;
        if (IsField(condition, compareExchange, 1))
        {
            return backOnFalse;
        }
        // seen == expected: success for a strong compare-and-swap (a weak one may fail with equal values).
        if (compareExchange.IsWeakCompareExchange || condition.AsInstruction() is not { Opcode: LLVMOpcode.LLVMICmp } compare)
        {
            return false;
        }
        LlvmValue expected = compareExchange.Value.GetOperand(1), left = compare.Value.GetOperand(0), right = compare.Value.GetOperand(1);
        bool comparesSeen = (IsSeen(left, compareExchange) && right == expected) || (IsSeen(right, compareExchange) && left == expected);
        return comparesSeen && compare.IntPredicate switch
        {
            LLVMIntPredicate.LLVMIntEQ => backOnFalse,
            LLVMIntPredicate.LLVMIntNE => backOnTrue,
            _ => false,
        };
    }

    /// <summary>Running the loop's block once instead of several times changes nothing but the compare-and-swap.</summary>
    private static bool OnlyPureInstructions(LlvmBasicBlock loop, LlvmInstruction compareExchange) =>
        loop.Instructions.All(i => i == compareExchange || i == loop.Terminator || i.Opcode is LLVMOpcode.LLVMPHI or LLVMOpcode.LLVMBitCast
            or LLVMOpcode.LLVMFAdd or LLVMOpcode.LLVMFSub or LLVMOpcode.LLVMFMul or LLVMOpcode.LLVMFNeg or LLVMOpcode.LLVMExtractValue
            or LLVMOpcode.LLVMICmp or LLVMOpcode.LLVMFCmp or LLVMOpcode.LLVMSelect
            || (i.Opcode == LLVMOpcode.LLVMCall && IsFusedMultiplyAdd(i)));

    private static bool DefinedIn(LlvmValue value, LlvmBasicBlock block) => value.AsInstruction() is { } instruction && instruction.Parent == block;

    private static LlvmInstruction FirstNonPhi(LlvmBasicBlock block) => block.Instructions.First(i => i.Opcode != LLVMOpcode.LLVMPHI);

    private static LlvmType? FloatOfWidth(LlvmContext context, LlvmType type) =>
        type.Kind != LLVMTypeKind.LLVMIntegerTypeKind ? null
        : type.IntegerWidth switch
        {
            64 => context.DoubleType,
            32 => context.FloatType,
            _ => null,
        };
}
