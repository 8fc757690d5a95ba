using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Reverse mode of an OpenMP parallel region (<c>__kmpc_fork_call(loc, n, microtask, captured...)</c>): the
/// forward sweep forks the augmented half of the microtask, each thread recording its own tape, and the reverse
/// sweep forks its reverse half over those tapes (<see cref="ParallelForkWrappers"/>). The halves are those of a
/// gradient marked <see cref="ReverseSignature.Parallel"/>: it adds adjoints into memory that is not its own
/// stack atomically, as on a GPU, since other threads run the same reverse at the same time.
/// </summary>
internal sealed class ParallelRegionDifferentiation(ReverseGradientState state)
{
    /// <summary>Forward sweep: replaces the fork by a fork of the augmented wrapper and records what the reverse needs.</summary>
    public void Augment(LlvmInstruction fork, Func<LlvmValue, LlvmValue> forwardShadow)
    {
        LlvmFunction microtask = OpenMpRuntime.Microtask(fork) ?? throw OpenMpErrors.UnknownMicrotask(state.Primal, fork);
        int first = OpenMpRuntime.FirstCapturedArgument;
        int captured = fork.ArgumentCount - first;
        if (microtask.ParameterCount != captured + OpenMpRuntime.MicrotaskThreadParameters)
        {
            throw OpenMpErrors.UnknownMicrotask(state.Primal, fork);
        }
        var activities = new ArgumentActivity[microtask.ParameterCount];
        for (int i = 0; i < captured; i++)
        {
            LlvmValue argument = fork.GetArgument(first + i);
            // A shadowed scalar is a float, or an integer carrying a float's bits (clang passes firstprivate doubles as i64).
            if (!argument.Type.IsPointer && state.Analysis.IsShadowed(argument))
            {
                throw OpenMpErrors.ActiveCapturedValue(state.Primal, fork, i);
            }
            activities[OpenMpRuntime.MicrotaskThreadParameters + i] =
                argument.Type.IsPointer && (state.HasShadow(argument) || argument.IsNullPointerConstant)
                && !OpenMpRuntime.HoldsOnlyInactivePointers(argument, state.Analysis.IsShadowed)
                    ? ArgumentActivity.Duplicated : ArgumentActivity.Constant;
        }
        IReadOnlyList<(int Parameter, LlvmType Type)> privateScalars = state.Generator.PrivateScalarAdjointsInParallelRegions
            ? SharedScalarReads.ReadOnlyScalarParameters(microtask, activities, OpenMpRuntime.MicrotaskThreadParameters)
            : [];
        ulong mask = privateScalars.Aggregate(0UL, (m, p) => m | (1UL << p.Parameter));
        SplitGradient split = state.Generator.GetOrCreateSplit(new ReverseSignature(microtask, activities, Parallel: true, ThreadPrivateShadowMask: mask), fork.DebugLocation);
        LlvmFunction augmented = ParallelForkWrappers.Augmented(state.Context, state.Generator.Module, split.Augmented);
        LlvmFunction reverse = ParallelForkWrappers.Reverse(state.Context, state.Generator.Module, split.Reverse, activities, privateScalars);

        LlvmBuilder builder = state.Builder;
        builder.PositionBefore(state.Function.EntryBlock.Instructions.First());
        LlvmType boxType = ParallelForkWrappers.BoxType(state.Context);
        LlvmValue box = builder.Alloca(boxType, "omp.tapes");
        builder.PositionBefore(fork);
        var arguments = new List<LlvmValue> { fork.GetArgument(0), box };
        for (int i = 0; i < captured; i++)
        {
            LlvmValue argument = fork.GetArgument(first + i);
            arguments.Add(argument);
            if (activities[OpenMpRuntime.MicrotaskThreadParameters + i] == ArgumentActivity.Duplicated)
            {
                arguments.Add(argument.IsNullPointerConstant ? argument : forwardShadow(argument));
            }
        }
        LlvmValue newFork = Fork(fork, augmented, arguments);
        LlvmValue tapes = builder.Load(state.Context.PointerType(), builder.StructGep(boxType, box, 0), "omp.tape.array");
        LlvmValue count = builder.Load(state.Context.Int32Type, builder.StructGep(boxType, box, 1), "omp.tape.count");
        state.ParallelForks[fork.Handle] = new ParallelForkCall(activities, tapes, count, reverse);
        state.Instrumentation.UnionWith([box.Handle, newFork.Handle, tapes.Handle, count.Handle]);
        state.InstructionsToErase.Add(fork);
    }

    /// <summary>Reverse sweep: forks the reverse wrapper over the tapes, then frees the tape array.</summary>
    public void Reverse(LlvmInstruction fork, ParallelForkCall record)
    {
        PrimalAvailability availability = state.Availability;
        int first = OpenMpRuntime.FirstCapturedArgument;
        var arguments = new List<LlvmValue> { availability.Materialize(record.Tapes), availability.Materialize(record.TapeCount) };
        for (int i = first; i < fork.ArgumentCount; i++)
        {
            LlvmValue argument = fork.GetArgument(i);
            arguments.Add(availability.Materialize(argument));
            if (record.Activities[OpenMpRuntime.MicrotaskThreadParameters + i - first] == ArgumentActivity.Duplicated)
            {
                arguments.Add(argument.IsNullPointerConstant ? argument : availability.ReverseShadow(argument));
            }
        }
        Fork(fork, record.ReverseWrapper, arguments, location: availability.Materialize(fork.GetArgument(0)));
        state.Emitter.CallFunction(state.Emitter.Free(), availability.Materialize(record.Tapes));
    }

    /// <summary><c>__kmpc_fork_call(loc, count, microtask, arguments...)</c> at the builder's position.</summary>
    private LlvmValue Fork(LlvmInstruction original, LlvmFunction microtask, List<LlvmValue> arguments, LlvmValue? location = null)
    {
        LlvmFunction runtimeFork = original.CalledValue.AsFunction()!.Value;
        LlvmValue call = state.Builder.Call(runtimeFork.FunctionType, runtimeFork,
            [location ?? original.GetArgument(0), LlvmValue.ConstInt(state.Context.Int32Type, arguments.Count), microtask, .. arguments]);
        call.CopyDebugLocationFrom(original);
        return call;
    }
}
