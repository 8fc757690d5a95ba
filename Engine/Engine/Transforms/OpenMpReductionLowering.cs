using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Rewrites OpenMP reductions in a clone about to be differentiated into code whose derivative needs no
/// knowledge of the runtime. clang ends a region with <c>reduction(op: s)</c> by
/// <c>switch (__kmpc_reduce_nowait(loc, gtid, n, size, list, combine, lock))</c>: case 1 combines the
/// thread's private copy into <c>s</c> (the runtime may first have combined other threads' copies into
/// this one through <c>combine</c>, which the engine would never see), case 2 adds it with atomics. The
/// clone takes case 2 on every thread when clang emitted one (<c>+</c>, <c>-</c>, <c>*</c>... on scalars:
/// an <c>atomicrmw fadd</c>, whose adjoint hands the adjoint of <c>s</c> to every private copy), and
/// otherwise makes case 1 a critical section on the reduction's lock, taken by each thread in turn. Both
/// are valid implementations of the reduction: OpenMP leaves the order of combination open.
/// </summary>
internal static class OpenMpReductionLowering
{
    /// <summary>Lowers every reduction in <paramref name="function"/>; returns whether anything changed.</summary>
    public static bool Run(LlvmContext context, LlvmModule module, LlvmFunction function, LlvmFunction primal)
    {
        var reductions = function.Instructions.Where(i => i.IsCall && i.CalledValue.Name is OpenMpRuntime.ReduceNoWaitName or OpenMpRuntime.ReduceName).ToList();
        if (reductions.Count == 0)
        {
            return false;
        }
        using var builder = new LlvmBuilder(context);
        LlvmType int32 = context.Int32Type;
        LlvmType lockCall = LlvmType.Function(context.VoidType, [context.PointerType(), int32, context.PointerType()]);
        bool anyCritical = false;
        foreach (LlvmInstruction reduce in reductions)
        {
            if (reduce.CalledValue.Name == OpenMpRuntime.ReduceName)
            {
                throw OpenMpErrors.BlockingReduction(primal, reduce);
            }
            if (reduce.Value.Users.Any(HasAtomicCase))
            {
                reduce.Value.ReplaceAllUsesWith(LlvmValue.ConstInt(int32, 2));
            }
            else
            {
                builder.PositionBefore(reduce);
                LlvmFunction critical = module.GetFunction(OpenMpRuntime.CriticalName) ?? module.AddFunction(OpenMpRuntime.CriticalName, lockCall);
                builder.Call(lockCall, critical, [reduce.GetArgument(0), reduce.GetArgument(1), reduce.GetArgument(6)]);
                reduce.Value.ReplaceAllUsesWith(LlvmValue.ConstInt(int32, 1));
                anyCritical = true;
            }
            reduce.EraseFromParent();
        }
        // Case 1 ends with __kmpc_end_reduce_nowait: the end of the critical section, or dead code after case 2 was chosen.
        foreach (LlvmInstruction end in function.Instructions.Where(i => i.IsCall && i.CalledValue.Name == OpenMpRuntime.EndReduceNoWaitName).ToList())
        {
            if (anyCritical)
            {
                builder.PositionBefore(end);
                LlvmFunction endCritical = module.GetFunction(OpenMpRuntime.EndCriticalName) ?? module.AddFunction(OpenMpRuntime.EndCriticalName, lockCall);
                builder.Call(lockCall, endCritical, [end.GetArgument(0), end.GetArgument(1), end.GetArgument(2)]);
            }
            end.EraseFromParent();
        }
        return true;
    }

    /// <summary>A switch on the reduction's result with a case 2 (the atomic combination).</summary>
    private static bool HasAtomicCase(LlvmValue user) =>
        user.AsInstruction() is { Opcode: LLVMOpcode.LLVMSwitch } @switch
        && Enumerable.Range(1, (@switch.Value.OperandCount / 2) - 1).Any(k => @switch.Value.GetOperand(2 * k).ConstantIntValue == 2);
}
