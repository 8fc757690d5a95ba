using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The microtasks a differentiated parallel region forks, around the split halves of the region's outlined
/// function (<see cref="SplitGradient"/>):
/// <list type="bullet">
/// <item>augmented: <c>(gtid, btid, loc, box, args and shadows...)</c>. Thread 0 allocates one tape slot per
/// thread of the team and stores the array and the team size into <c>box</c> (<c>{ ptr, i32 }</c>, the
/// caller's); after a barrier every thread runs the augmented half and stores its tape into its slot.</item>
/// <item>reverse: <c>(gtid, btid, tapes, count, args and shadows...)</c>. Thread t runs the reverse half of
/// tapes t, t + T, t + 2T... where T is the reverse team's size, so the reverse needs neither the same
/// number of threads nor the same thread for a tape: a tape holds everything its reverse half needs (the
/// iterations its thread ran, their bounds and values), and adjoints of shared memory are added atomically.</item>
/// </list>
/// </summary>
internal static class ParallelForkWrappers
{
    public static LlvmFunction Augmented(LlvmContext context, LlvmModule module, LlvmFunction augmented)
    {
        string name = augmented.Name + ".omp_fork";
        if (module.GetFunction(name) is { } existing)
        {
            return existing;
        }
        LlvmType pointer = context.PointerType(), int32 = context.Int32Type, int64 = context.Int64Type;
        LlvmType[] halfParameters = augmented.FunctionType.ParameterTypes;
        LlvmFunction wrapper = module.AddFunction(name,
            LlvmType.Function(context.VoidType, [pointer, pointer, pointer, pointer, .. halfParameters[OpenMpRuntime.MicrotaskThreadParameters..]]));
        wrapper.Linkage = LLVMLinkage.LLVMInternalLinkage;
        LlvmValue gtid = wrapper.GetParameter(0), btid = wrapper.GetParameter(1), location = wrapper.GetParameter(2), box = wrapper.GetParameter(3);
        LlvmType boxType = BoxType(context);

        using var builder = new LlvmBuilder(context);
        var emitter = new Transforms.IrEmitter(context, module, builder);
        LlvmBasicBlock entry = context.AppendBasicBlock(wrapper, "entry");
        LlvmBasicBlock allocate = context.AppendBasicBlock(wrapper, "allocate.tapes");
        LlvmBasicBlock run = context.AppendBasicBlock(wrapper, "run");
        builder.PositionAtEnd(entry);
        LlvmValue thread = emitter.CallFunction(ThreadNumber(emitter));
        builder.ConditionalBranch(builder.ICmp(LLVMIntPredicate.LLVMIntEQ, thread, LlvmValue.ConstInt(int32, 0)), allocate, run);

        builder.PositionAtEnd(allocate);
        LlvmValue teamSize = emitter.CallFunction(TeamSize(emitter));
        LlvmValue bytes = builder.Mul(builder.IntCast(teamSize, int64, isSigned: true), LlvmValue.ConstInt(int64, 8));
        LlvmValue tapes = emitter.CallFunction(emitter.DeclareFunction("malloc", LlvmType.Function(pointer, [int64])), bytes);
        builder.Store(tapes, builder.StructGep(boxType, box, 0));
        builder.Store(teamSize, builder.StructGep(boxType, box, 1));
        builder.Branch(run);

        builder.PositionAtEnd(run);
        // The slots exist once thread 0 has made them.
        LlvmFunction barrier = emitter.DeclareFunction(OpenMpRuntime.BarrierName, LlvmType.Function(context.VoidType, [pointer, int32]));
        emitter.CallFunction(barrier, location, builder.Load(int32, gtid));
        LlvmValue[] arguments = [gtid, btid, .. Enumerable.Range(4, wrapper.ParameterCount - 4).Select(wrapper.GetParameter)];
        LlvmValue tape = builder.Call(augmented.FunctionType, augmented, arguments);
        LlvmValue array = builder.Load(pointer, builder.StructGep(boxType, box, 0));
        builder.Store(tape, builder.Gep(pointer, array, [builder.IntCast(thread, int64, isSigned: true)]));
        builder.ReturnVoid();
        return wrapper;
    }

    public static LlvmFunction Reverse(LlvmContext context, LlvmModule module, LlvmFunction reverse)
    {
        string name = reverse.Name + ".omp_fork";
        if (module.GetFunction(name) is { } existing)
        {
            return existing;
        }
        LlvmType pointer = context.PointerType(), int32 = context.Int32Type, int64 = context.Int64Type;
        LlvmType[] halfParameters = reverse.FunctionType.ParameterTypes;
        // The half's parameters: gtid, btid, arguments and shadows, tape (last).
        LlvmType[] passed = halfParameters[OpenMpRuntime.MicrotaskThreadParameters..^1];
        LlvmFunction wrapper = module.AddFunction(name, LlvmType.Function(context.VoidType, [pointer, pointer, pointer, int32, .. passed]));
        wrapper.Linkage = LLVMLinkage.LLVMInternalLinkage;
        LlvmValue tapes = wrapper.GetParameter(2), count = wrapper.GetParameter(3);

        using var builder = new LlvmBuilder(context);
        var emitter = new Transforms.IrEmitter(context, module, builder);
        LlvmBasicBlock entry = context.AppendBasicBlock(wrapper, "entry");
        LlvmBasicBlock header = context.AppendBasicBlock(wrapper, "next.tape");
        LlvmBasicBlock body = context.AppendBasicBlock(wrapper, "reverse.tape");
        LlvmBasicBlock exit = context.AppendBasicBlock(wrapper, "done");
        builder.PositionAtEnd(entry);
        LlvmValue first = emitter.CallFunction(ThreadNumber(emitter));
        LlvmValue stride = emitter.CallFunction(TeamSize(emitter));
        builder.Branch(header);

        builder.PositionAtEnd(header);
        LlvmValue index = builder.Phi(int32, "tape.index");
        builder.ConditionalBranch(builder.ICmp(LLVMIntPredicate.LLVMIntSLT, index, count), body, exit);

        builder.PositionAtEnd(body);
        LlvmValue tape = builder.Load(pointer, builder.Gep(pointer, tapes, [builder.IntCast(index, int64, isSigned: true)]));
        LlvmValue[] arguments = [wrapper.GetParameter(0), wrapper.GetParameter(1), .. Enumerable.Range(4, wrapper.ParameterCount - 4).Select(wrapper.GetParameter), tape];
        builder.Call(reverse.FunctionType, reverse, arguments);
        LlvmValue next = builder.Add(index, stride);
        builder.Branch(header);
        LlvmBuilder.AddIncoming(index, first, entry);
        LlvmBuilder.AddIncoming(index, next, body);

        builder.PositionAtEnd(exit);
        builder.ReturnVoid();
        return wrapper;
    }

    /// <summary><c>{ ptr tapes, i32 team size }</c>: where the augmented wrapper's thread 0 leaves the tape array for the caller.</summary>
    public static LlvmType BoxType(LlvmContext context) => context.StructType([context.PointerType(), context.Int32Type]);

    private static LlvmFunction ThreadNumber(Transforms.IrEmitter emitter) =>
        emitter.DeclareFunction(OpenMpRuntime.ThreadNumberName, LlvmType.Function(emitter.Context.Int32Type, []));

    private static LlvmFunction TeamSize(Transforms.IrEmitter emitter) =>
        emitter.DeclareFunction(OpenMpRuntime.TeamSizeName, LlvmType.Function(emitter.Context.Int32Type, []));
}
