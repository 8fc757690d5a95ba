using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// What the phases of <see cref="ReverseFunctionBuilder"/> share while they turn one canonicalised
/// clone of the primal into a gradient: the request, the IR builder, the control-flow analyses,
/// what the forward sweep records for the reverse sweep (shadows, loop counters, predecessor ids,
/// split calls, caches), the reverse sweep's blocks and current position, a few helpers every
/// phase uses, and the phases themselves, through which they reach one another.
/// </summary>
internal sealed class ReverseGradientState
{
    private bool? _gpuTarget;

    public ReverseGradientState(ReverseModeGenerator generator, LlvmFunction function, LlvmFunction primal, ReverseSignature signature,
        ForwardActivityAnalysis analysis, IReadOnlyList<(LlvmValue Primal, LlvmValue Shadow)> shadowArguments,
        IReadOnlyList<LlvmValue> activeArguments, DebugLocation? requestLocation, LlvmValue? seedParameter)
    {
        SeedParameter = seedParameter;
        Generator = generator;
        Function = function;
        Primal = primal;
        Signature = signature;
        Analysis = analysis;
        ShadowArguments = shadowArguments;
        ActiveArguments = activeArguments;
        RequestLocation = requestLocation;
        Context = generator.Context;
        Builder = new LlvmBuilder(Context);
        Emitter = new IrEmitter(Context, generator.Module, Builder);
        Forward = new ForwardSweepInstrumenter(this);
        Tape = new TapePlanner(this);
        Availability = new PrimalAvailability(this);
        Sweep = new ReverseSweepEmitter(this);
        InstructionAdjoints = new InstructionAdjointEmitter(this);
        Adjoints = new AdjointAccumulator(this);
        Cleanup = new ReverseSweepCleanup(this);
    }

    // ---- The request ----

    public ReverseModeGenerator Generator { get; }

    /// <summary>The gradient being built: a clone of the primal, instrumented in place.</summary>
    public LlvmFunction Function { get; }

    public LlvmFunction Primal { get; }

    public ReverseSignature Signature { get; }

    public ForwardActivityAnalysis Analysis { get; }

    /// <summary>The gradient's pointer parameters that have shadows, each with its shadow parameter.</summary>
    public IReadOnlyList<(LlvmValue Primal, LlvmValue Shadow)> ShadowArguments { get; }

    /// <summary>The parameters whose adjoints the gradient returns (<c>enzyme_out</c>).</summary>
    public IReadOnlyList<LlvmValue> ActiveArguments { get; }

    public DebugLocation? RequestLocation { get; }

    /// <summary>The parameter holding the caller's adjoint of the result (<see cref="ReverseSignature.SeedFromParameter"/>); null when the result is seeded with 1.</summary>
    public LlvmValue? SeedParameter { get; }

    public LlvmContext Context { get; }

    public LlvmBuilder Builder { get; }

    public IrEmitter Emitter { get; }

    // ---- Control flow, analysed before anything changes ----

    public ControlFlowGraph Cfg { get; set; } = null!;

    public DominatorTree Dominators { get; set; } = null!;

    public LoopInfo Loops { get; set; } = null!;

    /// <summary>Which loads read memory nothing writes during the call, so the reverse sweep may load again.</summary>
    public StableMemoryAnalysis StableMemory { get; set; } = null!;

    /// <summary>The one block that returns.</summary>
    public int ReturnBlock { get; set; }

    /// <summary>The first instruction of the entry block: <see cref="EntryAlloca"/> inserts before it.</summary>
    public LlvmInstruction AllocaPoint { get; set; }

    // ---- What the forward sweep records for the reverse sweep ----

    /// <summary>Shadows of the arguments and of the instructions the forward sweep mirrors.</summary>
    public ShadowMap Shadows { get; } = new();

    /// <summary>Per loop id: its iteration counter and where the forward sweep reads it.</summary>
    public Dictionary<int, LoopState> LoopStates { get; } = [];

    /// <summary>Per merge block that heads no loop: the phi holding the index of the predecessor it was entered from.</summary>
    public Dictionary<int, LlvmValue> PredecessorIds { get; } = [];

    /// <summary>Per call: a value its call rule computed in the forward sweep for its adjoint (e.g. the exponent <c>frexp</c> stored, loaded right after the call).</summary>
    public Dictionary<LLVMValueRef, LlvmValue> KeptForReverse { get; } = [];

    /// <summary>Per call replaced by a call of the callee's augmented half: what its reverse needs.</summary>
    public Dictionary<LLVMValueRef, SplitCall> SplitCalls { get; } = [];

    /// <summary>Per OpenMP fork replaced by a fork of the region's augmented half: what its reverse needs.</summary>
    public Dictionary<LLVMValueRef, ParallelForkCall> ParallelForks { get; } = [];

    /// <summary>Frees taken out of the forward sweep: the reverse sweep records them for the outermost sweep to do.</summary>
    public HashSet<LLVMValueRef> DeferredFreeCalls { get; } = [];

    /// <summary>Values the instrumentation added (counter reads, augmented calls and their parts): never reversed, never recomputed.</summary>
    public HashSet<LLVMValueRef> Instrumentation { get; } = [];

    /// <summary>Primal instructions erased once the gradient is built.</summary>
    public List<LlvmInstruction> InstructionsToErase { get; } = [];

    // ---- The tape (TapePlanner) ----

    /// <summary>Per cached primal value: where it is kept, what fills it and what reads it.</summary>
    public Dictionary<LLVMValueRef, CacheSlot> Caches { get; } = [];

    /// <summary>Per loop id: its trip count, computed in its preheader, or null when it cannot be computed there.</summary>
    public Dictionary<int, LlvmValue?> PreheaderTripCounts { get; } = [];

    /// <summary>Per nested loop whose reverse finds an entry's first iteration from its trip count: the slot holding it, and the trip count's shape.</summary>
    public Dictionary<int, (LlvmValue Slot, TripCountShape Shape)> ReverseStarts { get; } = [];

    // ---- The reverse sweep ----

    /// <summary>Per primal value with an adjoint: the entry-block alloca it accumulates in.</summary>
    public Dictionary<LLVMValueRef, LlvmValue> AdjointSlots { get; } = [];

    /// <summary>Per forward block: the reverse block that undoes it.</summary>
    public LlvmBasicBlock[] ReverseBlocks { get; set; } = [];

    /// <summary>Every block of the reverse sweep: reverse blocks, edge blocks and the exit block.</summary>
    public List<LlvmBasicBlock> ReverseRegion { get; } = [];

    /// <summary>Where the reverse sweep ends: it releases the caches and returns the adjoints.</summary>
    public LlvmBasicBlock ExitBlock { get; set; }

    // The reverse block being generated: its forward block and the values materialised in it.
    public int CurrentBlock { get; set; }

    public Dictionary<LLVMValueRef, LlvmValue> Materialized { get; set; } = [];

    // ---- The phases ----

    public ForwardSweepInstrumenter Forward { get; }

    public TapePlanner Tape { get; }

    public PrimalAvailability Availability { get; }

    public ReverseSweepEmitter Sweep { get; }

    public InstructionAdjointEmitter InstructionAdjoints { get; }

    public AdjointAccumulator Adjoints { get; }

    public ReverseSweepCleanup Cleanup { get; }

    // ---- Helpers ----

    /// <summary>An alloca at the top of the entry block, zero-initialised there unless asked not to.</summary>
    public LlvmValue EntryAlloca(LlvmType type, string name, bool initialize = true)
    {
        LlvmBasicBlock saved = Builder.InsertBlock;
        bool hadBlock = !saved.IsNull;
        Builder.PositionBefore(AllocaPoint);
        LlvmValue slot = Builder.Alloca(type, name);
        if (initialize)
        {
            Builder.Store(LlvmValue.ConstNull(type), slot);
        }
        if (hadBlock)
        {
            Builder.PositionAtEnd(saved);
        }
        return slot;
    }

    public static LlvmInstruction FirstNonPhi(LlvmBasicBlock block) => block.Instructions.First(i => i.Opcode != LLVMOpcode.LLVMPHI);

    /// <summary>Whether a value has an adjoint: the analysis shadows it and it holds floating-point data.</summary>
    public bool IsActiveFloat(LlvmValue value) => Analysis.IsShadowed(value) && TypeFacts.ContainsFloatingPoint(value.Type);

    /// <summary>Whether a pointer has a shadow: a recorded one, or a shadowed global or constant expression (rebuilt where used).</summary>
    public bool HasShadow(LlvmValue value) => Shadows.Contains(value) || (Analysis.IsShadowed(value) && (value.IsGlobalVariable || value.IsConstantExpression));

    /// <summary>NVPTX or AMDGPU code: every thread runs the sweep at once, and there is no thread-local storage.</summary>
    public bool IsGpuTarget() => _gpuTarget ??= Generator.Module.TargetTriple.StartsWith("nvptx", StringComparison.Ordinal)
        || Generator.Module.TargetTriple.StartsWith("amdgcn", StringComparison.Ordinal);

    /// <summary>
    /// Whether other threads run this gradient's reverse sweep at the same time: a GPU kernel, or an OpenMP
    /// parallel region (<see cref="ReverseSignature.Parallel"/>).
    /// </summary>
    public bool RunsOnManyThreads() => IsGpuTarget() || Signature.Parallel;

    /// <summary>
    /// Whether adjoints added through <paramref name="pointer"/> may race with other threads: on many threads,
    /// unless it points into this function's own stack or only into parameters whose shadow is the thread's own
    /// partial adjoint (<see cref="ReverseSignature.ThreadPrivateShadowMask"/>).
    /// </summary>
    public bool IsSharedBetweenThreads(LlvmValue pointer) =>
        RunsOnManyThreads() && !StableMemory.IsStackOnly(pointer) && !StableMemory.IsBasedOnlyOn(pointer, IsThreadPrivateShadowParameter);

    private bool IsThreadPrivateShadowParameter(LlvmValue value)
    {
        if (Signature.ThreadPrivateShadowMask == 0 || !value.IsArgument)
        {
            return false;
        }
        int next = 0;
        for (int i = 0; i < Signature.Activities.Count && i < 64; i++)
        {
            if (Function.GetParameter(next).Handle == value.Handle)
            {
                return (Signature.ThreadPrivateShadowMask & (1UL << i)) != 0;
            }
            next += Signature.Activities[i] is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed ? 2 : 1;
        }
        return false;
    }

    public EnzymeException Unsupported(LlvmInstruction at, string what) => Error(at, DiagnosticCodes.UnsupportedInReverse,
        $"'{Primal.Name}' contains {what}, which reverse mode does not handle yet; move it into a function marked __enzyme_inactivefn if it does not affect the result");

    public static EnzymeException Error(LlvmInstruction at, string code, string message) => new(code, message, at.DebugLocation);
}
