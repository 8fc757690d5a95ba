using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// A call of one MPI function (matched by its C name), differentiated by calls of <see cref="MpiRuntime"/>.
/// The data's datatype handle decides: <c>MPI_DOUBLE</c>/<c>MPI_FLOAT</c> data carries derivatives (every
/// rank then exchanges derivative messages, with zeros for a send buffer without a shadow, so that both
/// ends of a message agree whatever either side's activity), integer datatypes none, and an unknown
/// datatype on a buffer with a shadow is ENZ2020.
/// </summary>
public abstract class MpiCallRule(string callee) : CallRule
{
    /// <summary>The MPI function's C name.</summary>
    public string Callee { get; } = callee;

    public override string Name => Callee;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => !isIntrinsic && callee.Name == Callee;

    /// <summary>
    /// The element size in bytes of the data described by the datatype argument <paramref name="datatypeIndex"/>:
    /// 8 or 4 for real data, 0 when it carries no derivative. An unknown datatype is an error when one of
    /// <paramref name="buffers"/> has a shadow, and inactive otherwise.
    /// </summary>
    protected int ElementSize(LlvmInstruction call, int datatypeIndex, string primal, Func<LlvmValue, bool> hasShadow, params int[] buffers)
    {
        LlvmValue datatype = call.GetArgument(datatypeIndex);
        MpiElement element = MpiHandles.Element(datatype);
        if (element == MpiElement.Unknown && buffers.Any(b => !MpiHandles.IsInPlace(call.GetArgument(b)) && hasShadow(call.GetArgument(b))))
        {
            throw Error(call, primal,
                $"passes data with {MpiHandles.DatatypeName(datatype)} whose derivative the engine cannot form; MPI_DOUBLE and MPI_FLOAT buffers are differentiated",
                "send the floating-point data in its own message with MPI_DOUBLE or MPI_FLOAT");
        }
        return element is MpiElement.Double or MpiElement.Float ? MpiHandles.ElementSize(element) : 0;
    }

    /// <summary>Whether the datatype argument describes real data.</summary>
    protected static bool IsReal(LlvmInstruction call, int datatypeIndex) =>
        MpiHandles.Element(call.GetArgument(datatypeIndex)) is MpiElement.Double or MpiElement.Float;

    /// <summary>ENZ2020 at the call: what the engine cannot do, and the fix.</summary>
    protected EnzymeException Error(LlvmInstruction call, string primal, string problem, string fix) =>
        new(DiagnosticCodes.MpiNotDifferentiable, $"'{primal}' calls {Callee}, which {problem}; {fix} (docs/mpi.md)", call.DebugLocation);

    /// <summary>A receive from a constant <c>MPI_ANY_SOURCE</c> or with <c>MPI_ANY_TAG</c> (-1 in Open MPI) is refused when compiling; a computed one at run time (ENZ2021).</summary>
    protected void RejectWildcards(LlvmInstruction call, string primal, int peerIndex, int tagIndex)
    {
        if (call.GetArgument(peerIndex).ConstantIntValue == -1 || call.GetArgument(tagIndex).ConstantIntValue == -1)
        {
            throw Error(call, primal, "receives real data from MPI_ANY_SOURCE or with MPI_ANY_TAG: the derivative message must come from the rank and tag the data came from",
                "receive from a named rank with a named tag");
        }
    }

    /// <summary>A buffer that receives real data must have a shadow to receive its derivative into (the activity analysis gives it one where it can).</summary>
    protected void RequireReceiveShadow(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow, int buffer)
    {
        if (!hasShadow(call.GetArgument(buffer)))
        {
            throw Error(call, primal, "receives real data into memory that has no shadow",
                "pass that buffer with enzyme_dup and a shadow, or let the differentiated function allocate it");
        }
    }

    /// <summary>The value of an <c>i32</c> size for a runtime call.</summary>
    protected static LlvmValue Size(LlvmContext context, int size) => LlvmValue.ConstInt(context.Int32Type, size);

    protected static LlvmValue NullPointer(LlvmContext context) => LlvmValue.ConstNull(context.PointerType());

    /// <summary>Forward mode: the tangent buffer of lane <paramref name="lane"/>, null when the pointer has no shadow (the runtime sends zeros).</summary>
    protected static LlvmValue TangentBuffer(ITangentContext context, LlvmValue pointer, int lane) =>
        MpiHandles.IsInPlace(pointer) ? pointer
        : context.HasShadow(pointer) ? context.Lane(context.Shadow(pointer), lane)
        : NullPointer(context.Emitter.Context);

    /// <summary>Reverse sweep: the adjoint buffer, null when the pointer has no shadow.</summary>
    protected static LlvmValue AdjointBuffer(IAdjointContext context, LlvmValue pointer) =>
        context.HasShadow(pointer) ? context.ShadowAddress(pointer) : NullPointer(context.Emitter.Context);

    /// <summary>Forward mode: calls the runtime function once per lane, right after the primal call.</summary>
    protected static void EmitPerLane(ITangentContext context, LlvmInstruction call, string runtime, Func<int, LlvmValue[]> arguments)
    {
        context.PositionAfter(call);
        LlvmFunction function = MpiRuntime.Function(context.Emitter.Module, runtime);
        for (int lane = 0; lane < context.Width; lane++)
        {
            context.Emitter.CallFunction(function, arguments(lane));
        }
    }

    /// <summary>Reverse sweep: calls the runtime function with primal values made available there.</summary>
    protected static void EmitReverse(IAdjointContext context, string runtime, params LlvmValue[] arguments)
    {
        LlvmFunction function = MpiRuntime.Function(context.Emitter.Module, runtime);
        context.Emitter.CallFunction(function, arguments);
    }
}
