using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Turns a canonicalised clone of the primal into a combined gradient function in place.
/// <list type="number">
/// <item>Forward sweep: the primal itself, plus shadow addresses for active pointers (mirrored
/// GEPs, casts, phis, loads of pointers), zero-initialised shadow allocations, an iteration
/// counter per loop, a phi recording the predecessor of every merge block, and stores of the
/// values the reverse sweep must cache. Frees are moved to their reverse position.</item>
/// <item>Reverse sweep: one block per forward block, visited in post-order; instructions in
/// reverse, each adding partial × adjoint into its operands' adjoint slots (allocas that
/// mem2reg later promotes). Loops run backwards on the counters; merge blocks switch on the
/// recorded predecessor; phi adjoints flow to the incoming value of the edge taken.</item>
/// <item>Exit: free the caches and return the adjoints of the <c>enzyme_out</c> arguments.</item>
/// </list>
/// Primal values the reverse sweep needs are used directly when they dominate the return,
/// recomputed when cheap (address arithmetic, casts, affine induction variables), loaded again
/// when the memory is never written, and cached otherwise (<see cref="PrimalAvailability.Materialize"/>).
/// <para>
/// This class checks the control flow and runs the phases in order; each phase is a class of its
/// own, and all of them share one <see cref="ReverseGradientState"/>, through which they also reach
/// one another: <see cref="ForwardSweepInstrumenter"/> (the forward sweep's bookkeeping),
/// <see cref="TapePlanner"/> and <see cref="PrimalAvailability"/> (what is cached, recomputed or
/// reloaded), <see cref="ReverseSweepEmitter"/> (blocks, edges and exit of the reverse sweep),
/// <see cref="InstructionAdjointEmitter"/> (the adjoint of each instruction),
/// <see cref="AdjointAccumulator"/> (adjoint slots and sums) and <see cref="ReverseSweepCleanup"/>.
/// </para>
/// </summary>
internal sealed class ReverseFunctionBuilder
{
    private readonly ReverseGradientState _state;

    public ReverseFunctionBuilder(ReverseModeGenerator generator, LlvmFunction function, LlvmFunction primal, ReverseSignature signature,
        ForwardActivityAnalysis analysis, IReadOnlyList<(LlvmValue Primal, LlvmValue Shadow)> shadowArguments,
        IReadOnlyList<LlvmValue> activeArguments, DebugLocation? requestLocation, LlvmValue? seedParameter = null)
    {
        _state = new ReverseGradientState(generator, function, primal, signature, analysis, shadowArguments, activeArguments, requestLocation, seedParameter);
    }

    /// <summary>Builds the gradient; returns where its forward sweep ends and its reverse sweep begins.</summary>
    public ReverseSweepLayout Build()
    {
        try
        {
            AnalyseControlFlow();
            ReportImpossibleWrites();
            _state.StableMemory = new StableMemoryAnalysis(_state.Function, _state.Generator.Classifier, _state.Cfg, callerMayWriteArguments: _state.Signature.Split);
            _state.AllocaPoint = _state.Function.EntryBlock.Instructions.First();
            foreach ((LlvmValue primal, LlvmValue shadow) in _state.ShadowArguments)
            {
                _state.Shadows.Record(primal, shadow);
            }
            _state.Forward.InstrumentForwardSweep();
            _state.Tape.ChooseReverseStarts();
            ReverseSweepLayout layout = _state.Sweep.BuildReverseSweep();
            foreach (LlvmInstruction dead in _state.InstructionsToErase)
            {
                dead.EraseFromParent();
            }
            return layout;
        }
        finally
        {
            _state.Builder.Dispose();
        }
    }

    private void AnalyseControlFlow()
    {
        _state.Cfg = new ControlFlowGraph(_state.Function);
        _state.Dominators = new DominatorTree(_state.Cfg);
        _state.Loops = new LoopInfo(_state.Cfg, _state.Dominators);
        if (_state.Loops.IrreducibleEdge is { } edge)
        {
            throw ReverseGradientState.Error(_state.Cfg.Blocks[edge.From].Terminator!.Value, DiagnosticCodes.IrreducibleControlFlow,
                $"'{_state.Primal.Name}' has irreducible control flow (a loop with several entries, e.g. from goto), which reverse mode cannot reverse; restructure the loop to have one entry");
        }
        if (_state.Loops.NotSimplified is { } header)
        {
            throw ReverseGradientState.Error(_state.Cfg.Blocks[header].Instructions.First(), DiagnosticCodes.IrreducibleControlFlow,
                $"a loop in '{_state.Primal.Name}' could not be brought into canonical form (one preheader, one latch); restructure it");
        }
        var returns = Enumerable.Range(0, _state.Cfg.Blocks.Count)
            .Where(b => _state.Cfg.Blocks[b].Terminator is { Opcode: LLVMOpcode.LLVMRet }).ToList();
        if (returns.Count != 1)
        {
            throw new EnzymeException(DiagnosticCodes.UnsupportedInReverse,
                $"'{_state.Primal.Name}' {(returns.Count == 0 ? "never returns" : "has several return blocks after canonicalisation")}; reverse mode needs exactly one", _state.RequestLocation);
        }
        _state.ReturnBlock = returns[0];
    }

    private void ReportImpossibleWrites()
    {
        foreach ((LlvmInstruction site, LlvmValue argument) in _state.Analysis.ConstantWrites)
        {
            throw DifferentiationErrors.WriteToConstantMemory(_state.Primal, site, ParameterDescription(argument));
        }
        foreach ((LlvmInstruction site, LlvmValue source) in _state.Analysis.UntrackedPointers)
        {
            throw DifferentiationErrors.UntrackedPointer(_state.Primal, site, source);
        }
    }

    private string ParameterDescription(LlvmValue argument)
    {
        int index = _state.Function.Parameters.ToList().FindIndex(p => p.Handle == argument.Handle);
        string name = argument.Name;
        return name.Length > 0 ? $"parameter '{name}'" : $"parameter {index + 1} of the gradient";
    }
}
