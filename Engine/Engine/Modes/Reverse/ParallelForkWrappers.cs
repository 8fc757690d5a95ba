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
/// iterations its thread ran, their bounds and values), and adjoints of shared memory are added atomically.
/// A shared scalar the region only reads (<see cref="SharedScalarReads"/>) gets a partial adjoint on the wrapper's
/// stack instead, zero at the start, added to without atomics by the thread's reverse halves and atomically to the
/// shared shadow once at the end: one atomic add per thread instead of one per iteration. A reverse team of one
/// thread runs a copy of the half without atomic adds (<see cref="SerialReverseCopy"/>).</item>
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

    public static LlvmFunction Reverse(LlvmContext context, LlvmModule module, LlvmFunction reverse,
        IReadOnlyList<Frontend.ArgumentActivity> activities, IReadOnlyList<(int Parameter, LlvmType Type)> privateScalars)
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
        LlvmFunction? serial = SerialReverseCopy.Create(context, module, reverse);
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
        LlvmValue[] passedArguments = [.. Enumerable.Range(4, wrapper.ParameterCount - 4).Select(wrapper.GetParameter)];
        var partials = new List<(LlvmValue Shared, LlvmValue Partial, LlvmType Type)>();
        foreach ((int parameter, LlvmType type) in privateScalars)
        {
            int shadowIndex = ShadowPosition(activities, parameter);
            LlvmValue partial = builder.Alloca(type, "omp.partial.adjoint");
            builder.Store(LlvmValue.ConstNull(type), partial);
            partials.Add((passedArguments[shadowIndex], partial, type));
            passedArguments[shadowIndex] = partial;
        }
        builder.Branch(header);

        builder.PositionAtEnd(header);
        LlvmValue index = builder.Phi(int32, "tape.index");
        builder.ConditionalBranch(builder.ICmp(LLVMIntPredicate.LLVMIntSLT, index, count), body, exit);

        builder.PositionAtEnd(body);
        LlvmValue tape = builder.Load(pointer, builder.Gep(pointer, tapes, [builder.IntCast(index, int64, isSigned: true)]));
        LlvmValue[] arguments = [wrapper.GetParameter(0), wrapper.GetParameter(1), .. passedArguments, tape];
        LlvmBasicBlock advance = context.AppendBasicBlock(wrapper, "next.index");
        if (serial is { } alone)
        {
            // A team of one: no other reverse half runs, so the copy without atomic adds is exact.
            LlvmBasicBlock serialCall = context.AppendBasicBlock(wrapper, "reverse.alone");
            LlvmBasicBlock parallelCall = context.AppendBasicBlock(wrapper, "reverse.shared");
            builder.ConditionalBranch(builder.ICmp(LLVMIntPredicate.LLVMIntEQ, stride, LlvmValue.ConstInt(int32, 1)), serialCall, parallelCall);
            builder.PositionAtEnd(serialCall);
            builder.Call(alone.FunctionType, alone, arguments);
            builder.Branch(advance);
            builder.PositionAtEnd(parallelCall);
        }
        builder.Call(reverse.FunctionType, reverse, arguments);
        builder.Branch(advance);
        builder.PositionAtEnd(advance);
        LlvmValue next = builder.Add(index, stride);
        builder.Branch(header);
        LlvmBuilder.AddIncoming(index, first, entry);
        LlvmBuilder.AddIncoming(index, next, advance);

        builder.PositionAtEnd(exit);
        foreach ((LlvmValue shared, LlvmValue partial, LlvmType type) in partials)
        {
            builder.AtomicFAdd(shared, builder.Load(type, partial)).WithAlignment((uint)(type.Kind == LLVMTypeKind.LLVMFloatTypeKind ? 4 : 8));
        }
        builder.ReturnVoid();
        return wrapper;
    }

    /// <summary>Where the shadow of microtask parameter <paramref name="parameter"/> is among the captured arguments and shadows the wrappers pass on.</summary>
    private static int ShadowPosition(IReadOnlyList<Frontend.ArgumentActivity> activities, int parameter)
    {
        int position = 0;
        for (int i = OpenMpRuntime.MicrotaskThreadParameters; i < parameter; i++)
        {
            position += activities[i] == Frontend.ArgumentActivity.Duplicated ? 2 : 1;
        }
        return position + 1;
    }

    /// <summary><c>{ ptr tapes, i32 team size }</c>: where the augmented wrapper's thread 0 leaves the tape array for the caller.</summary>
    public static LlvmType BoxType(LlvmContext context) => context.StructType([context.PointerType(), context.Int32Type]);

    private static LlvmFunction ThreadNumber(Transforms.IrEmitter emitter) =>
        emitter.DeclareFunction(OpenMpRuntime.ThreadNumberName, LlvmType.Function(emitter.Context.Int32Type, []));

    private static LlvmFunction TeamSize(Transforms.IrEmitter emitter) =>
        emitter.DeclareFunction(OpenMpRuntime.TeamSizeName, LlvmType.Function(emitter.Context.Int32Type, []));
}
