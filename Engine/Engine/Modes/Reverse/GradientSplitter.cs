using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Rules;
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
internal static class GradientSplitter
{
    public static void Split(LlvmContext context, LlvmModule module, LlvmFunction combined, ReverseSweepLayout layout,
        SplitGradient split, bool seeded)
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
                        || (user.Opcode == LLVMOpcode.LLVMStore && user.Value.GetOperand(1) == instruction && user.Value.GetOperand(0).IsConstant)));
                (onlyInitialisedForward ? reverseLocalAllocas : crossingAllocas).Add(instruction);
            }
            else
            {
                crossingValues.Add(instruction);
            }
        }
        TapeLayout? tape = crossingAllocas.Count + crossingValues.Count > 0 ? LayOutTape(context, module, crossingAllocas, crossingValues) : null;

        BuildAugmented(context, module, combined, layout, split, crossingAllocas, crossingValues, tape, seeded);
        BuildReverse(context, module, combined, layout, split, crossingAllocas, reverseLocalAllocas, crossingValues, tape);
    }

    /// <summary>
    /// An alloca whose address never escapes: used only as the pointer of loads and stores, or
    /// passed to the engine's own runtime (the cache growth check reads and writes the slot and
    /// its capacity, and keeps neither address).
    /// </summary>
    private static bool OnlyLoadedAndStored(LlvmInstruction alloca) => alloca.Value.Users.All(user => user.AsInstruction() switch
    {
        { Opcode: LLVMOpcode.LLVMLoad } => true,
        { Opcode: LLVMOpcode.LLVMStore } store => store.Value.GetOperand(1) == alloca && store.Value.GetOperand(0) != alloca,
        { Opcode: LLVMOpcode.LLVMCall } call => call.CalledValue.Name is { } name && RuntimeSupport.IsCacheSlotFunction(name),
        _ => false,
    });

    /// <summary>
    /// The tape's struct: stack memory first, most-aligned first, each at an offset that keeps the
    /// alloca's own alignment (vector code accesses a <c>[4 x double]</c> with 16- or 32-byte
    /// instructions, which fault on a field the struct would place at offset 8), then the values.
    /// </summary>
    private static TapeLayout LayOutTape(LlvmContext context, LlvmModule module, List<LlvmInstruction> crossingAllocas, List<LlvmInstruction> crossingValues)
    {
        LlvmTargetData data = module.TargetData;
        var fields = new List<LlvmType>();
        var allocaFields = new int[crossingAllocas.Count];
        uint alignment = 16;
        foreach (int a in Enumerable.Range(0, crossingAllocas.Count).OrderByDescending(a => crossingAllocas[a].Value.Alignment))
        {
            LlvmType type = crossingAllocas[a].AllocatedType;
            uint wanted = Math.Max(crossingAllocas[a].Value.Alignment, data.AbiAlignmentOf(type));
            alignment = Math.Max(alignment, wanted);
            LlvmType trial = context.StructType([.. fields, type]);
            ulong offset = data.OffsetOfElement(trial, fields.Count);
            if (offset % wanted != 0)
            {
                fields.Add(LlvmType.Array(context.Int8Type, wanted - offset % wanted));
            }
            allocaFields[a] = fields.Count;
            fields.Add(type);
        }
        var valueFields = new int[crossingValues.Count];
        for (int v = 0; v < crossingValues.Count; v++)
        {
            valueFields[v] = fields.Count;
            fields.Add(crossingValues[v].Type);
        }
        return new TapeLayout(context.StructType([.. fields]), allocaFields, valueFields, alignment);
    }

    private static void BuildAugmented(LlvmContext context, LlvmModule module, LlvmFunction combined, ReverseSweepLayout layout,
        SplitGradient split, List<LlvmInstruction> crossingAllocas, List<LlvmInstruction> crossingValues, TapeLayout? tapeLayout, bool seeded)
    {
        LlvmFunction augmented = split.Augmented;
        var arguments = new Dictionary<LlvmValue, LlvmValue>();
        int combinedCount = combined.ParameterCount;
        for (int i = 0; i < combinedCount; i++)
        {
            bool isSeed = seeded && i == combinedCount - 1;
            arguments[combined.GetParameter(i)] = isSeed
                ? LlvmValue.Poison(combined.GetParameter(i).Type)
                : augmented.GetParameter(i);
        }
        Dictionary<LlvmValue, LlvmValue> map = FunctionCloner.CloneBody(context, combined, augmented, arguments);
        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, module, builder);

        builder.PositionBefore(augmented.EntryBlock.Instructions.First());
        LlvmType i64 = context.Int64Type;
        LlvmType tape = tapeLayout?.Type ?? context.Int8Type;
        LlvmValue tapePointer = LlvmValue.ConstNull(context.PointerType());
        if (tapeLayout is not null)
        {
            LlvmValue size = tape.SizeOf;
            if (tapeLayout.Alignment <= 16)
            {
                // glibc's malloc returns 16-byte aligned blocks.
                LlvmFunction malloc = emitter.DeclareFunction("malloc", LlvmType.Function(context.PointerType(), [i64]));
                tapePointer = emitter.CallFunction(malloc, size);
            }
            else
            {
                // aligned_alloc wants a size that is a multiple of the alignment.
                LlvmValue alignment = LlvmValue.ConstInt(i64, tapeLayout.Alignment);
                LlvmValue rounded = builder.Mul(builder.BinaryOperation(LLVMOpcode.LLVMUDiv,
                    builder.Add(size, LlvmValue.ConstInt(i64, tapeLayout.Alignment - 1)), alignment), alignment);
                LlvmFunction alignedAlloc = emitter.DeclareFunction("aligned_alloc", LlvmType.Function(context.PointerType(), [i64, i64]));
                tapePointer = emitter.CallFunction(alignedAlloc, alignment, rounded);
            }
        }
        for (int f = 0; f < crossingAllocas.Count; f++)
        {
            LlvmInstruction clone = map[crossingAllocas[f]].AsInstruction()!.Value;
            // The field replaces the alloca; position after it so the GEP dominates every use.
            builder.PositionBefore(clone.Next!.Value);
            LlvmValue field = builder.StructGep(tape, tapePointer, tapeLayout!.AllocaFields[f]);
            clone.Value.ReplaceAllUsesWith(field);
            clone.EraseFromParent();
        }

        LlvmInstruction exit = map[layout.ForwardExit].AsInstruction()!.Value;
        builder.PositionBefore(exit);
        for (int v = 0; v < crossingValues.Count; v++)
        {
            builder.Store(map[crossingValues[v]], builder.StructGep(tape, tapePointer, tapeLayout!.ValueFields[v]));
        }
        if (split.ReturnsPrimal)
        {
            LlvmValue returned = layout.ReturnedValue is { } r ? map.GetValueOrDefault(r, r) : LlvmValue.Poison(augmented.ReturnType.GetStructElement(0));
            LlvmValue pair = builder.InsertValue(LlvmValue.Poison(augmented.ReturnType), returned, 0);
            pair = builder.InsertValue(pair, tapePointer, 1);
            if (split.ReturnsShadow)
            {
                LlvmValue shadow = layout.ReturnedShadow is { } s ? map.GetValueOrDefault(s, s) : LlvmValue.ConstNull(context.PointerType());
                pair = builder.InsertValue(pair, shadow, 2);
            }
            builder.Return(pair);
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
        TapeLayout? tapeLayout)
    {
        LlvmFunction reverse = split.Reverse;
        var arguments = new Dictionary<LlvmValue, LlvmValue>();
        for (int i = 0; i < combined.ParameterCount; i++)
        {
            arguments[combined.GetParameter(i)] = reverse.GetParameter(i);
        }
        LlvmValue tapePointer = reverse.GetParameter(reverse.ParameterCount - 1);
        // Nothing but this function touches the tape while it runs (the augmented half allocated
        // it, callers only pass it on): noalias lets LLVM keep the loop counters and cache
        // pointers that live on it in registers instead of reloading them after every store to a
        // shadow, and so vectorise the reversed loops. Only while every stack slot moved to the
        // tape is merely loaded and stored: the address of a stack array on the tape can reach the
        // reverse half as a cached pointer, which is not based on the parameter (found by the
        // fuzzer: seeds 6429769876208141820, 6166056840026288752).
        if (crossingAllocas.All(OnlyLoadedAndStored))
        {
            reverse.AddAttribute(LlvmAttributeIndex.Parameter(reverse.ParameterCount - 1), FunctionAttributes.Create(context, "noalias"));
        }
        Dictionary<LlvmValue, LlvmValue> map = FunctionCloner.CloneBody(context, combined, reverse, arguments);

        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, module, builder);
        LlvmBasicBlock entry = context.InsertBasicBlock(reverse.EntryBlock, "tape");
        builder.PositionAtEnd(entry);
        LlvmType tape = tapeLayout?.Type ?? context.Int8Type;
        foreach (LlvmInstruction slot in reverseLocalAllocas)
        {
            LlvmInstruction clone = map[slot].AsInstruction()!.Value;
            LlvmType allocated = clone.AllocatedType;
            LlvmValue local = builder.Alloca(allocated, clone.Value.Name);
            builder.Store(LlvmValue.ConstNull(allocated), local);
            clone.Value.ReplaceAllUsesWith(local);
        }
        for (int f = 0; f < crossingAllocas.Count; f++)
        {
            LlvmInstruction clone = map[crossingAllocas[f]].AsInstruction()!.Value;
            clone.Value.ReplaceAllUsesWith(builder.StructGep(tape, tapePointer, tapeLayout!.AllocaFields[f]));
        }
        for (int v = 0; v < crossingValues.Count; v++)
        {
            LlvmInstruction clone = map[crossingValues[v]].AsInstruction()!.Value;
            LlvmValue field = builder.StructGep(tape, tapePointer, tapeLayout!.ValueFields[v]);
            clone.Value.ReplaceAllUsesWith(builder.Load(clone.Type, field, clone.Value.Name));
        }
        LlvmBasicBlock firstReverse = layout.ForwardExit.GetSuccessor(0);
        builder.Branch(map[firstReverse.AsValue].AsBasicBlock()!.Value);

        if (tapeLayout is not null)
        {
            LlvmFunction free = emitter.Free();
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
        function.RunPasses("unreachableblockelim", "removing the other half of a split gradient");
    }
}
