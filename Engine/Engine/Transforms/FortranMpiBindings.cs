using Enzyme.Engine.Rules.Calls.Mpi;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;
using static Enzyme.Engine.Transforms.FortranMpiArgument;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Rewrites calls of Open MPI's Fortran bindings (<c>mpi_sendrecv_</c>, <c>mpi_allreduce_</c>, ... from
/// <c>include 'mpif.h'</c>: every argument by reference, handles as default <c>INTEGER</c>s, an
/// <c>ierror</c> last) into calls of the C functions the MPI rules differentiate, before anything is
/// differentiated: <c>call mpi_send(buf, n, MPI_DOUBLE_PRECISION, dest, tag, comm, ierr)</c> becomes
/// <c>ierr = MPI_Send(buf, n, MPI_Type_f2c(MPI_DOUBLE_PRECISION), dest, tag, MPI_Comm_f2c(comm))</c>. The
/// handles are converted at run time, which is what Open MPI's Fortran wrappers do; once a clone has been
/// optimised the integers are constants and <see cref="FortranMpiHandleFolding"/> turns the conversions into
/// the C handle globals the rules recognise. <c>MPI_STATUS_IGNORE</c> (<c>mpi_fortran_status_ignore_</c>)
/// becomes C's null status; any other status is received into a C <c>MPI_Status</c> and converted with
/// <c>MPI_Status_c2f</c>. <c>MPI_IN_PLACE</c> (<c>mpi_fortran_in_place_</c>) becomes C's <c>(void *) 1</c>.
/// <para>
/// Every function of the module is rewritten, so the primal runs the same C calls as its derivatives. The
/// program then needs only <c>libmpi</c> for these calls. Calls of other Fortran bindings, and calls whose
/// argument count is not the binding's (no <c>ierror</c>), are left alone; in differentiated code they are
/// ENZ2022 when they touch data with a shadow (<see cref="MpiFortranBindingRule"/>).
/// </para>
/// </summary>
public static class FortranMpiBindings
{
    private const string StatusIgnore = "mpi_fortran_status_ignore_";
    private const string InPlace = "mpi_fortran_in_place_";

    // Open MPI 4's MPI_Status is 24 bytes (source, tag, error, cancelled, a size_t count); 64 leaves room
    // for a larger one without depending on it.
    private const int CStatusBytes = 64;

    /// <summary>The Fortran bindings rewritten here, by their symbol (flang appends one underscore).</summary>
    public static readonly IReadOnlyDictionary<string, FortranMpiBinding> Bindings = new Dictionary<string, FortranMpiBinding>(StringComparer.Ordinal)
    {
        ["mpi_send_"] = new("MPI_Send", [Data, Integer, Datatype, Integer, Integer, Communicator]),
        ["mpi_ssend_"] = new("MPI_Ssend", [Data, Integer, Datatype, Integer, Integer, Communicator]),
        ["mpi_recv_"] = new("MPI_Recv", [Data, Integer, Datatype, Integer, Integer, Communicator, Status]),
        ["mpi_sendrecv_"] = new("MPI_Sendrecv",
        [
            Data, Integer, Datatype, Integer, Integer,
            Data, Integer, Datatype, Integer, Integer, Communicator, Status,
        ]),
        ["mpi_bcast_"] = new("MPI_Bcast", [Data, Integer, Datatype, Integer, Communicator]),
        ["mpi_reduce_"] = new("MPI_Reduce", [SendBuffer, Data, Integer, Datatype, Operation, Integer, Communicator]),
        ["mpi_allreduce_"] = new("MPI_Allreduce", [SendBuffer, Data, Integer, Datatype, Operation, Communicator]),
        ["mpi_barrier_"] = new("MPI_Barrier", [Communicator]),
        ["mpi_comm_rank_"] = new("MPI_Comm_rank", [Communicator, Output]),
        ["mpi_comm_size_"] = new("MPI_Comm_size", [Communicator, Output]),
    };

    /// <summary>Rewrites every call of a binding in <see cref="Bindings"/>; returns how many.</summary>
    public static int Run(LlvmModule module)
    {
        var calls = new List<(LlvmInstruction Call, FortranMpiBinding Binding)>();
        foreach (LlvmFunction function in module.Functions)
        {
            foreach (LlvmInstruction instruction in function.Instructions)
            {
                if (instruction.IsCall && instruction.CalledValue.IsFunction
                    && Bindings.TryGetValue(instruction.CalledValue.Name, out FortranMpiBinding? binding)
                    && instruction.ArgumentCount == binding.Arguments.Length + 1
                    && Enumerable.Range(0, instruction.ArgumentCount).All(i => instruction.GetArgument(i).Type.IsPointer))
                {
                    calls.Add((instruction, binding));
                }
            }
        }
        if (calls.Count == 0)
        {
            return 0;
        }
        LlvmContext context = module.Context;
        var emitter = new IrEmitter(context, module, new LlvmBuilder(context));
        using LlvmBuilder builder = emitter.Builder;
        foreach ((LlvmInstruction call, FortranMpiBinding binding) in calls)
        {
            Rewrite(emitter, call, binding);
        }
        return calls.Count;
    }

    private static void Rewrite(IrEmitter emitter, LlvmInstruction call, FortranMpiBinding binding)
    {
        LlvmContext context = emitter.Context;
        LlvmModule module = emitter.Module;
        LlvmType pointer = context.PointerType(), i32 = context.Int32Type;
        LlvmBuilder builder = emitter.Builder;

        LlvmValue? cStatus = binding.Arguments.Contains(Status) ? EntryAlloca(builder, call.Function, LlvmType.Array(context.Int8Type, CStatusBytes)) : null;
        LlvmValue? statusScratch = cStatus is null ? null : EntryAlloca(builder, call.Function, LlvmType.Array(context.Int8Type, CStatusBytes));
        builder.PositionBefore(call);

        var arguments = new List<LlvmValue>();
        LlvmValue? fortranStatus = null;
        for (int i = 0; i < binding.Arguments.Length; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            switch (binding.Arguments[i])
            {
                case Data or Output:
                    arguments.Add(argument);
                    break;
                case SendBuffer:
                    arguments.Add(CSendBuffer(module, builder, argument, pointer));
                    break;
                case Integer:
                    arguments.Add(Tagged(builder.Load(i32, argument), call));
                    break;
                case Datatype:
                    arguments.Add(ConvertHandle(emitter, FortranMpiHandles.DatatypeConversion, argument, call));
                    break;
                case Operation:
                    arguments.Add(ConvertHandle(emitter, FortranMpiHandles.OperationConversion, argument, call));
                    break;
                case Communicator:
                    arguments.Add(ConvertHandle(emitter, FortranMpiHandles.CommunicatorConversion, argument, call));
                    break;
                case Status:
                    fortranStatus = argument;
                    arguments.Add(IsGlobal(argument, StatusIgnore) ? LlvmValue.ConstNull(pointer) : cStatus!.Value);
                    break;
            }
        }

        LlvmType cType = LlvmType.Function(i32, [.. arguments.Select(a => a.Type)]);
        LlvmFunction cFunction = module.GetFunction(binding.CName) ?? emitter.DeclareFunction(binding.CName, cType);
        LlvmValue result = Tagged(builder.Call(cType, cFunction, [.. arguments]), call);
        if (fortranStatus is { } status && !IsGlobal(status, StatusIgnore))
        {
            // A status that may still be MPI_STATUS_IGNORE at run time is converted into scratch memory.
            LlvmValue target = status;
            if (module.GetGlobal(StatusIgnore) is { } ignore)
            {
                target = builder.Select(builder.ICmp(LLVMIntPredicate.LLVMIntEQ, status, ignore), statusScratch!.Value, status);
            }
            LlvmType c2fType = LlvmType.Function(i32, [pointer, pointer]);
            LlvmFunction c2f = module.GetFunction("MPI_Status_c2f") ?? emitter.DeclareFunction("MPI_Status_c2f", c2fType);
            Tagged(builder.Call(c2fType, c2f, [cStatus!.Value, target]), call);
        }
        builder.Store(result, call.GetArgument(binding.Arguments.Length));
        call.EraseFromParent();
    }

    /// <summary>Fortran's <c>MPI_IN_PLACE</c> is the address of a common block; C's is <c>(void *) 1</c>.</summary>
    private static LlvmValue CSendBuffer(LlvmModule module, LlvmBuilder builder, LlvmValue buffer, LlvmType pointer)
    {
        LlvmValue cInPlace = builder.Cast(LLVMOpcode.LLVMIntToPtr, LlvmValue.ConstInt(module.Context.Int64Type, 1), pointer);
        if (IsGlobal(buffer, InPlace))
        {
            return cInPlace;
        }
        return module.GetGlobal(InPlace) is { } inPlace
            ? builder.Select(builder.ICmp(LLVMIntPredicate.LLVMIntEQ, buffer, inPlace), cInPlace, buffer)
            : buffer;
    }

    private static LlvmValue ConvertHandle(IrEmitter emitter, string conversion, LlvmValue handle, LlvmInstruction call)
    {
        LlvmContext context = emitter.Context;
        LlvmType type = LlvmType.Function(context.PointerType(), [context.Int32Type]);
        LlvmFunction function = emitter.Module.GetFunction(conversion) ?? emitter.DeclareFunction(conversion, type);
        LlvmValue value = Tagged(emitter.Builder.Load(context.Int32Type, handle), call);
        return Tagged(emitter.Builder.Call(type, function, [value]), call);
    }

    /// <summary>Gives a new instruction the Fortran call's source line, so diagnostics point at the call.</summary>
    private static LlvmValue Tagged(LlvmValue value, LlvmInstruction call)
    {
        if (value.IsInstruction)
        {
            value.CopyDebugLocationFrom(call);
        }
        return value;
    }

    private static bool IsGlobal(LlvmValue value, string name) => value.IsGlobalVariable && value.Name == name;

    private static LlvmValue EntryAlloca(LlvmBuilder builder, LlvmFunction function, LlvmType type)
    {
        LlvmInstruction first = function.EntryBlock.Instructions.First();
        builder.PositionBefore(first);
        return builder.Alloca(type).WithAlignment(8);
    }
}
