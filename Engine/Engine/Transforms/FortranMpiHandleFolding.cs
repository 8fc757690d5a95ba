using Enzyme.Engine.Rules.Calls.Mpi;
using Enzyme.Llvm;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// In a clone about to be differentiated: replaces <c>MPI_Type_f2c(17)</c>, <c>MPI_Op_f2c(3)</c>,
/// <c>MPI_Comm_f2c(0)</c>, ... (left by <see cref="FortranMpiBindings"/>, with constants once the clone is
/// optimised) by the C handle globals they return (<c>&amp;ompi_mpi_dblprec</c>, <c>&amp;ompi_mpi_op_sum</c>,
/// <c>&amp;ompi_mpi_comm_world</c>), so the MPI rules see the datatype and operation when compiling, as they do
/// for C, and the reverse sweep needs no cached handle. A conversion of a value that is not a constant, or not
/// in <see cref="FortranMpiHandles"/>, stays a call: its data is then of a datatype the rules cannot identify.
/// </summary>
public static class FortranMpiHandleFolding
{
    public static void Run(LlvmModule module, LlvmFunction function)
    {
        List<(LlvmInstruction Call, string Handle)> folds = [];
        foreach (LlvmInstruction instruction in function.Instructions)
        {
            if (instruction.IsCall && instruction.CalledValue.IsFunction && instruction.ArgumentCount == 1
                && instruction.GetArgument(0).ConstantIntValue is long value
                && FortranMpiHandles.CHandle(instruction.CalledValue.Name, value) is { } handle)
            {
                folds.Add((instruction, handle));
            }
        }
        foreach ((LlvmInstruction call, string handle) in folds)
        {
            call.Value.ReplaceAllUsesWith(MpiHandles.Handle(module, handle));
            call.EraseFromParent();
        }
    }
}
