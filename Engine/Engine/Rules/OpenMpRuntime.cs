using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules;

/// <summary>
/// The parts of the LLVM OpenMP runtime (libomp's <c>__kmpc_*</c> entry points) that clang <c>-fopenmp</c>
/// emits and the engine differentiates around (docs/openmp.md). A parallel region is an outlined
/// "microtask" <c>void (ptr gtid, ptr btid, captured...)</c> started on every thread of a team by
/// <c>__kmpc_fork_call(loc, n, microtask, captured...)</c>; the engine treats the fork as a call of the
/// microtask with the captured arguments, run once per thread.
/// </summary>
public static class OpenMpRuntime
{
    public const string ForkName = "__kmpc_fork_call";

    /// <summary>Index of the first captured argument of a fork call (after loc, the count and the microtask).</summary>
    public const int FirstCapturedArgument = 3;

    /// <summary>The microtask's parameters before the captured ones (global and bound thread id pointers).</summary>
    public const int MicrotaskThreadParameters = 2;

    public const string CriticalName = "__kmpc_critical";
    public const string EndCriticalName = "__kmpc_end_critical";
    public const string ReduceNoWaitName = "__kmpc_reduce_nowait";
    public const string EndReduceNoWaitName = "__kmpc_end_reduce_nowait";
    public const string ReduceName = "__kmpc_reduce";
    public const string EndReduceName = "__kmpc_end_reduce";
    public const string GlobalThreadNumberName = "__kmpc_global_thread_num";
    public const string BarrierName = "__kmpc_barrier";
    public const string ThreadNumberName = "omp_get_thread_num";
    public const string TeamSizeName = "omp_get_num_threads";

    /// <summary>Whether a callee is <c>__kmpc_fork_call</c>.</summary>
    public static bool IsFork(LlvmFunction callee) => callee.Name == ForkName;

    /// <summary>
    /// Whether a captured argument is a stack slot of the caller that only ever holds pointers with no shadow
    /// (<paramref name="isShadowed"/> false): clang captures a <c>const double *target</c> by the address of its
    /// local copy. The slot has a shadow slot, but what the shadow slot holds is the primal pointer itself, so a
    /// region that received it as a shadow would add the adjoints of <c>target[i]</c> into <c>target</c>. Such an
    /// argument is passed without a shadow (constant).
    /// </summary>
    public static bool HoldsOnlyInactivePointers(LlvmValue argument, Func<LlvmValue, bool> isShadowed)
    {
        if (argument.AsInstruction() is not { Opcode: LLVMOpcode.LLVMAlloca })
        {
            return false;
        }
        bool anyStore = false;
        foreach (LlvmValue user in argument.Users)
        {
            if (user.AsInstruction() is not { } instruction)
            {
                return false;
            }
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMStore when instruction.Value.GetOperand(1).Handle == argument.Handle:
                    LlvmValue stored = instruction.Value.GetOperand(0);
                    if (!stored.Type.IsPointer || isShadowed(stored))
                    {
                        return false;
                    }
                    anyStore = true;
                    break;
                case LLVMOpcode.LLVMLoad:
                    break;
                case LLVMOpcode.LLVMCall when instruction.CalledValue.AsFunction() is { } callee && (IsFork(callee) || callee.Name.StartsWith("llvm.lifetime", StringComparison.Ordinal)):
                    break;
                default:
                    return false;
            }
        }
        return anyStore;
    }

    /// <summary>The outlined function a fork call runs on every thread, when it is a function (not a pointer chosen at run time).</summary>
    public static LlvmFunction? Microtask(LlvmInstruction fork) =>
        fork.ArgumentCount > 2 && fork.GetArgument(2).AsFunction() is { IsDeclaration: false } microtask ? microtask : null;

    /// <summary>
    /// The worksharing-loop schedule calls: they write the thread's bounds, stride and last-iteration flag
    /// into the integer locals they are given (<see cref="Calls.OpenMpScheduleRule"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> SchedulePrefixes =
    [
        "__kmpc_for_static_init_", "__kmpc_for_static_fini", "__kmpc_dispatch_init_", "__kmpc_dispatch_next_",
        "__kmpc_dispatch_fini_", "__kmpc_dispatch_deinit", "__kmpc_dist_for_static_init_",
    ];

    /// <summary>Whether a runtime function carries no derivative and writes nothing the program reads (<see cref="InactiveNames"/>).</summary>
    public static bool IsInactive(string name) => InactiveNames.Contains(name);

    /// <summary>
    /// Runtime calls without derivative: thread numbers, barriers, single/master/masked regions, team sizes.
    /// Critical sections have a rule (their reverse is a critical section too); reductions are lowered before
    /// differentiation (<see cref="Transforms.OpenMpReductionLowering"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> InactiveNames =
    [
        GlobalThreadNumberName, BarrierName, "__kmpc_push_num_threads", "__kmpc_master", "__kmpc_end_master",
        "__kmpc_masked", "__kmpc_end_masked", "__kmpc_single", "__kmpc_end_single", "__kmpc_flush",
        "__kmpc_ordered", "__kmpc_end_ordered", "__kmpc_serialized_parallel", "__kmpc_end_serialized_parallel",
        "omp_set_num_threads", "omp_get_num_procs", "omp_in_parallel", "omp_get_level", "omp_set_dynamic",
    ];
}
