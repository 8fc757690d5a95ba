using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Cuts a combined gradient into an augmented forward function and a reverse function. What
/// the reverse sweep uses of the forward sweep — values, and stack memory (caches' bookkeeping,
/// shadow and primal locals) — moves into a heap "tape" the augmented function allocates and
/// returns, and the reverse function reads and frees. Both halves start as clones of the
/// combined function; the half that does not belong is cut off and removed as unreachable.
/// </summary>
internal static unsafe class GradientSplitter
{
    public static void Split(LlvmContext context, LlvmModule module, LlvmFunction combined, ReverseSweepLayout layout,
        SplitGradient split, int primalParameterCount, bool seeded)
    {
        var crossingAllocas = new List<LlvmInstruction>();
        var reverseLocalAllocas = new List<LlvmInstruction>();
        var crossingValues = new List<LlvmInstruction>();
        foreach (LlvmInstruction instruction in combined.Instructions)
        {
            if (layout.ReverseBlocks.Contains(instruction.Parent.Handle) || instruction.Type.IsVoid)
            {
                continue;
            }
            bool usedInReverse = instruction.Value.Users.Any(u => u.AsInstruction() is { } user && layout.ReverseBlocks.Contains(user.Parent.Handle));
            if (!usedInReverse)
            {
                continue;
            }
            if (instruction.Opcode == LLVMOpcode.LLVMAlloca)
            {
                if (instruction.Value.GetOperand(0).ConstantIntValue != 1)
                {
                    throw new EnzymeException(DiagnosticCodes.UnsupportedInReverse,
                        $"'{combined.Name}' keeps a variable-length stack array across its reverse sweep, which a gradient called from another gradient cannot do yet");
                }
                // Adjoint slots are only zero-initialised in the forward sweep: the reverse half
                // makes its own instead of carrying them on the tape.
                bool onlyInitialisedForward = instruction.Value.Users.All(u => u.AsInstruction() is { } user
                    && (layout.ReverseBlocks.Contains(user.Parent.Handle)
                        || (user.Opcode == LLVMOpcode.LLVMStore && user.Value.GetOperand(1).Handle == instruction.Handle && user.Value.GetOperand(0).IsConstant)));
                (onlyInitialisedForward ? reverseLocalAllocas : crossingAllocas).Add(instruction);
            }
            else
            {
                crossingValues.Add(instruction);
            }
        }
        var fields = crossingAllocas.Select(a => new LlvmType(LLVM.LLVMGetAllocatedType(a.Handle)))
            .Concat(crossingValues.Select(v => v.Type)).ToArray();
        LlvmType? tape = fields.Length > 0 ? context.StructType(fields) : null;

        BuildAugmented(context, module, combined, layout, split, crossingAllocas, crossingValues, tape, seeded);
        BuildReverse(context, module, combined, layout, split, crossingAllocas, reverseLocalAllocas, crossingValues, tape, primalParameterCount, seeded);
    }

    private static void BuildAugmented(LlvmContext context, LlvmModule module, LlvmFunction combined, ReverseSweepLayout layout,
        SplitGradient split, List<LlvmInstruction> crossingAllocas, List<LlvmInstruction> crossingValues, LlvmType? tapeType, bool seeded)
    {
        LlvmFunction augmented = split.Augmented;
        var arguments = new Dictionary<LLVMValueRef, LLVMValueRef>();
        int combinedCount = combined.ParameterCount;
        for (int i = 0; i < combinedCount; i++)
        {
            bool isSeed = seeded && i == combinedCount - 1;
            arguments[combined.GetParameter(i).Handle] = isSeed
                ? LlvmValue.Poison(combined.GetParameter(i).Type).Handle
                : augmented.GetParameter(i).Handle;
        }
        Dictionary<LLVMValueRef, LLVMValueRef> map = FunctionCloner.CloneBody(context, combined, augmented, arguments);
        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, module, builder);

        builder.PositionBefore(augmented.EntryBlock.Instructions.First());
        LlvmType i64 = context.Int64Type;
        LlvmType tape = tapeType ?? context.Int8Type;
        LlvmValue tapePointer = LlvmValue.ConstNull(context.PointerType());
        if (tapeType is not null)
        {
            LlvmFunction malloc = emitter.DeclareFunction("malloc", LlvmType.Function(context.PointerType(), [i64]));
            tapePointer = emitter.CallFunction(malloc, new LlvmValue(LLVM.LLVMSizeOf(tape.Handle)));
        }
        for (int f = 0; f < crossingAllocas.Count; f++)
        {
            var clone = new LlvmInstruction(map[crossingAllocas[f].Handle]);
            // The field replaces the alloca; position after it so the GEP dominates every use.
            builder.PositionBefore(clone.Next!.Value);
            LlvmValue field = builder.StructGep(tape, tapePointer, f);
            clone.Value.ReplaceAllUsesWith(field);
            clone.EraseFromParent();
        }

        var exit = new LlvmInstruction(map[layout.ForwardExit.Handle]);
        builder.PositionBefore(exit);
        for (int v = 0; v < crossingValues.Count; v++)
        {
            builder.Store(new LlvmValue(map[crossingValues[v].Handle]), builder.StructGep(tape, tapePointer, crossingAllocas.Count + v));
        }
        if (split.ReturnsPrimal)
        {
            LlvmValue returned = layout.ReturnedValue is { } r ? new LlvmValue(map.GetValueOrDefault(r.Handle, r.Handle)) : LlvmValue.Poison(augmented.ReturnType.GetStructElement(0));
            LlvmValue pair = builder.InsertValue(LlvmValue.Poison(augmented.ReturnType), returned, 0);
            builder.Return(builder.InsertValue(pair, tapePointer, 1));
        }
        else
        {
            builder.Return(tapePointer);
        }
        exit.EraseFromParent();
        RemoveUnreachableBlocks(augmented);
    }

    private static void BuildReverse(LlvmContext context, LlvmModule module, LlvmFunction combined, ReverseSweepLayout layout,
        SplitGradient split, List<LlvmInstruction> crossingAllocas, List<LlvmInstruction> reverseLocalAllocas, List<LlvmInstruction> crossingValues,
        LlvmType? tapeType, int primalParameterCount, bool seeded)
    {
        LlvmFunction reverse = split.Reverse;
        var arguments = new Dictionary<LLVMValueRef, LLVMValueRef>();
        for (int i = 0; i < combined.ParameterCount; i++)
        {
            arguments[combined.GetParameter(i).Handle] = reverse.GetParameter(i).Handle;
        }
        _ = primalParameterCount;
        _ = seeded;
        LlvmValue tapePointer = reverse.GetParameter(reverse.ParameterCount - 1);
        Dictionary<LLVMValueRef, LLVMValueRef> map = FunctionCloner.CloneBody(context, combined, reverse, arguments);

        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, module, builder);
        LlvmBasicBlock entry = context.InsertBasicBlock(reverse.EntryBlock, "tape");
        builder.PositionAtEnd(entry);
        LlvmType tape = tapeType ?? context.Int8Type;
        foreach (LlvmInstruction slot in reverseLocalAllocas)
        {
            var clone = new LlvmInstruction(map[slot.Handle]);
            LlvmType allocated = new(LLVM.LLVMGetAllocatedType(clone.Handle));
            LlvmValue local = builder.Alloca(allocated, clone.Value.Name);
            builder.Store(LlvmValue.ConstNull(allocated), local);
            clone.Value.ReplaceAllUsesWith(local);
        }
        for (int f = 0; f < crossingAllocas.Count; f++)
        {
            var clone = new LlvmInstruction(map[crossingAllocas[f].Handle]);
            clone.Value.ReplaceAllUsesWith(builder.StructGep(tape, tapePointer, f));
        }
        for (int v = 0; v < crossingValues.Count; v++)
        {
            var clone = new LlvmInstruction(map[crossingValues[v].Handle]);
            LlvmValue field = builder.StructGep(tape, tapePointer, crossingAllocas.Count + v);
            clone.Value.ReplaceAllUsesWith(builder.Load(clone.Type, field, clone.Value.Name));
        }
        LlvmBasicBlock firstReverse = layout.ForwardExit.GetSuccessor(0);
        builder.Branch(new LlvmBasicBlock(LLVM.LLVMValueAsBasicBlock(map[firstReverse.AsValue.Handle])));

        if (tapeType is not null)
        {
            LlvmFunction free = emitter.DeclareFunction("free", LlvmType.Function(context.VoidType, [context.PointerType()]));
            foreach (LlvmInstruction ret in reverse.Instructions.Where(i => i.Opcode == LLVMOpcode.LLVMRet).ToList())
            {
                builder.PositionBefore(ret);
                emitter.CallFunction(free, tapePointer);
            }
        }
        RemoveUnreachableBlocks(reverse);
    }

    private static void RemoveUnreachableBlocks(LlvmFunction function)
    {
        using var options = new LlvmPassBuilderOptions();
        fixed (byte* pipeline = NativeUtf8.Encode("unreachableblockelim"))
        {
            LlvmException.ThrowIfFailed(LLVM.LLVMRunPassesOnFunction(function.Handle, (sbyte*)pipeline, default, options.Handle), "removing the other half of a split gradient");
        }
    }
}
