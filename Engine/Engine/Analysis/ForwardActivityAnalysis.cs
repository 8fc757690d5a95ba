using Enzyme.Engine.Annotations;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// Decides which values of a function need a shadow (a tangent for floating-point values, a
/// shadow address for pointers, mirrored bits for integers that carry addresses or floats),
/// and which allocations and globals need shadow memory. Inactive values get no derivative
/// code at all.
///
/// A forward data-flow fixed point: a value is shadowed when an operand it depends on is (a
/// load when its address is); a store of a shadowed value through a pointer without a shadow
/// demands shadow memory for the object the pointer is based on (an alloca, a heap block, a
/// global), which in turn makes every load from that object shadowed. Writes the analysis
/// cannot give a shadow (into memory of a constant argument) are recorded for the generator to
/// report. The analysis never changes the IR. What each instruction contributes is declared by
/// its rule (<see cref="InstructionRules"/>, <see cref="Rules.Calls.CallRules"/>).
/// </summary>
public sealed class ForwardActivityAnalysis : IActivityContext
{
    private readonly CallClassifier _classifier;
    private readonly EnzymeAnnotations _annotations;
    private readonly ISet<LLVMValueRef> _shadowGlobals;
    private readonly HashSet<LLVMValueRef> _shadowed = [];
    private readonly HashSet<LLVMValueRef> _shadowAllocations = [];
    private readonly Dictionary<LLVMValueRef, (LlvmInstruction Site, LlvmValue Base)> _constantWrites = [];
    private readonly Dictionary<LLVMValueRef, (LlvmInstruction Site, LlvmValue Base)> _untracked = [];
    private readonly HashSet<LLVMValueRef> _callsNeedingDerivative = [];
    private readonly bool _returnNeedsShadow;
    private bool _changed;

    /// <param name="shadowGlobals">Module-wide set of globals with shadow memory; the analysis adds to it.</param>
    /// <param name="returnNeedsShadow">The derivative returns the shadow of a returned pointer, which must then be real.</param>
    public ForwardActivityAnalysis(LlvmFunction function, IEnumerable<LlvmValue> shadowedArguments,
        CallClassifier classifier, EnzymeAnnotations annotations, ISet<LLVMValueRef> shadowGlobals, bool returnNeedsShadow = false)
    {
        _returnNeedsShadow = returnNeedsShadow;
        _classifier = classifier;
        _annotations = annotations;
        _shadowGlobals = shadowGlobals;
        foreach (LlvmValue argument in shadowedArguments)
        {
            _shadowed.Add(argument.Handle);
        }
        List<LlvmInstruction> instructions = function.Instructions.ToList();
        do
        {
            _changed = false;
            foreach (LlvmInstruction instruction in instructions)
            {
                Visit(instruction);
            }
        }
        while (_changed);
    }

    /// <summary>Allocas and allocation calls that get a shadow allocation.</summary>
    public IReadOnlySet<LLVMValueRef> ShadowAllocations => _shadowAllocations;

    /// <summary>Stores of shadowed values into memory based on a constant argument: (store, argument).</summary>
    public IEnumerable<(LlvmInstruction Site, LlvmValue Base)> ConstantWrites => _constantWrites.Values;

    /// <summary>Pointers written through that come from somewhere no shadow can be made for (a call result).</summary>
    public IEnumerable<(LlvmInstruction Site, LlvmValue Base)> UntrackedPointers => _untracked.Values;

    /// <summary>Calls to user functions that need their derivative even without active arguments (they touch shadowed globals).</summary>
    public bool NeedsDerivative(LlvmInstruction call) => _callsNeedingDerivative.Contains(call.Handle);

    /// <summary>Lets the generator register a value it created in place of a shadowed one (a call's primal result).</summary>
    public void MarkShadowed(LlvmValue value) => _shadowed.Add(value.Handle);

    public bool IsShadowed(LlvmValue value)
    {
        if (_shadowed.Contains(value.Handle))
        {
            return true;
        }
        if (value.IsGlobalVariable)
        {
            return _shadowGlobals.Contains(value.Handle);
        }
        if (value.IsConstantExpression && value.ConstantOpcode is LLVMOpcode.LLVMGetElementPtr
                or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast)
        {
            return IsShadowed(value.GetOperand(0));
        }
        return false;
    }

    private void Mark(LlvmValue value)
    {
        if (_shadowed.Add(value.Handle))
        {
            _changed = true;
        }
    }

    private void Visit(LlvmInstruction instruction) => InstructionRules.For(instruction).VisitActivity(this, instruction);

    void IActivityContext.Mark(LlvmValue value) => Mark(value);

    bool IActivityContext.ReturnNeedsShadow => _returnNeedsShadow;

    void IActivityContext.RequireShadowMemory(LlvmValue pointer, LlvmInstruction site, bool reportConstant) =>
        RequireShadowMemory(pointer, site, reportConstant);

    void IActivityContext.RequireShadowsOfEverySource(LlvmInstruction instruction) => RequireShadowsOfEverySource(instruction);

    void IActivityContext.MarkShadowAllocation(LlvmInstruction allocation)
    {
        Mark(allocation.Value);
        _shadowAllocations.Add(allocation.Handle);
    }

    void IActivityContext.VisitCall(LlvmInstruction call) => VisitCall(call);

    private void VisitCall(LlvmInstruction call)
    {
        CallTarget target = _classifier.Classify(call);
        LlvmValue value = call.Value;
        bool anyArgumentShadowed = Enumerable.Range(0, call.ArgumentCount)
            .Any(i => IsShadowed(call.GetArgument(i)) && TypeFacts.CarriesDerivative(call.GetArgument(i).Type));
        // A custom gradient makes any callee behave like a user function: active arguments make the
        // result active, and the gradient may write adjoints through every pointer it receives.
        CallKind kind = target.Gradient is not null && target.Kind != CallKind.UserFunction ? CallKind.CustomForwardRule : target.Kind;
        switch (kind)
        {
            case CallKind.LibraryRule:
                target.LibraryRule!.VisitActivity(this, call, anyArgumentShadowed);
                break;
            case CallKind.ParallelFork:
                VisitParallelFork(call);
                break;
            case CallKind.UserFunction or CallKind.CustomForwardRule or CallKind.Indirect:
                // A call through a pointer is differentiated like a call of each function it may reach.
                if (target.Kind == CallKind.UserFunction && !anyArgumentShadowed && _shadowGlobals.Count > 0 && TouchesShadowGlobals(target.Callee!.Value, []))
                {
                    // The callee reads or writes shadow memory of a global: its tangents matter.
                    _callsNeedingDerivative.Add(call.Handle);
                    anyArgumentShadowed = true;
                }
                if (!anyArgumentShadowed)
                {
                    break;
                }
                if (target.Kind == CallKind.UserFunction)
                {
                    // A callee that stores into globals may store active values there: those globals
                    // need shadows, so that what the caller later reads from them stays active.
                    foreach (LlvmValue global in GlobalsStoredBy(target.Callee!.Value))
                    {
                        RequireShadowMemory(global, call, reportConstant: false);
                    }
                }
                if (TypeFacts.CanCarryShadow(call.Type) && TypeFacts.CarriesDerivative(call.Type))
                {
                    Mark(value);
                }
                // The callee (or its custom derivative) may write derivatives through any pointer it receives.
                for (int i = 0; i < call.ArgumentCount; i++)
                {
                    LlvmValue argument = call.GetArgument(i);
                    if (argument.Type.IsPointer && !IsShadowed(argument))
                    {
                        RequireShadowMemory(argument, call, reportConstant: false);
                    }
                }
                break;
        }
    }

    /// <summary>
    /// An OpenMP fork runs its microtask on every thread with the captured arguments: it is analysed like
    /// a call of the microtask. A microtask that is not a known function is reported by the modes when
    /// an argument is active.
    /// </summary>
    private void VisitParallelFork(LlvmInstruction call)
    {
        if (OpenMpRuntime.Microtask(call) is not { } microtask)
        {
            return;
        }
        var captured = Enumerable.Range(OpenMpRuntime.FirstCapturedArgument, Math.Max(0, call.ArgumentCount - OpenMpRuntime.FirstCapturedArgument))
            .Select(call.GetArgument).ToList();
        bool anyShadowed = captured.Any(a => IsShadowed(a) && TypeFacts.CarriesDerivative(a.Type));
        if (!anyShadowed && _shadowGlobals.Count > 0 && TouchesShadowGlobals(microtask, []))
        {
            _callsNeedingDerivative.Add(call.Handle);
            anyShadowed = true;
        }
        if (!anyShadowed)
        {
            return;
        }
        foreach (LlvmValue global in GlobalsStoredBy(microtask))
        {
            RequireShadowMemory(global, call, reportConstant: false);
        }
        // Shared variables are captured by address: each thread may write derivatives through them.
        foreach (LlvmValue argument in captured.Where(a => a.Type.IsPointer && !IsShadowed(a)))
        {
            RequireShadowMemory(argument, call, reportConstant: false);
        }
    }

    /// <summary>Whether a function, or a user function it calls, uses a global that has shadow memory.</summary>
    /// <summary>The global variables holding floating-point data that a function or its callees store into.</summary>
    private static List<LlvmValue> GlobalsStoredBy(LlvmFunction function)
    {
        var globals = new Dictionary<LLVMValueRef, LlvmValue>();
        var visited = new HashSet<LLVMValueRef>();
        var pending = new Stack<LlvmFunction>();
        pending.Push(function);
        while (pending.Count > 0)
        {
            LlvmFunction current = pending.Pop();
            if (current.IsDeclaration || !visited.Add(current.Handle))
            {
                continue;
            }
            foreach (LlvmInstruction instruction in current.Instructions)
            {
                if (instruction.Opcode == LLVMOpcode.LLVMStore && TypeFacts.ContainsFloatingPoint(instruction.Value.GetOperand(0).Type)
                    && BaseGlobal(instruction.Value.GetOperand(1)) is { } global)
                {
                    globals.TryAdd(global.Handle, global);
                }
                else if (instruction.IsCall && instruction.CalledValue.AsFunction() is { } callee)
                {
                    pending.Push(callee);
                }
            }
        }
        return [.. globals.Values];
    }

    private static LlvmValue? BaseGlobal(LlvmValue pointer)
    {
        for (int depth = 0; depth < 16; depth++)
        {
            if (pointer.IsGlobalVariable)
            {
                return pointer;
            }
            bool derived = pointer.IsConstantExpression
                || (pointer.AsInstruction() is { } instruction && instruction.Opcode is LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast);
            if (!derived)
            {
                return null;
            }
            pointer = pointer.GetOperand(0);
        }
        return null;
    }

    private bool TouchesShadowGlobals(LlvmFunction function, HashSet<LLVMValueRef> visited)
    {
        if (function.IsDeclaration || !visited.Add(function.Handle))
        {
            return false;
        }
        foreach (LlvmInstruction instruction in function.Instructions)
        {
            LlvmValue value = instruction.Value;
            for (int i = 0; i < value.OperandCount; i++)
            {
                LlvmValue operand = value.GetOperand(i);
                if (IsShadowed(operand) && (operand.IsGlobalVariable || operand.IsConstantExpression))
                {
                    return true;
                }
                if (instruction.IsCall && i == value.OperandCount - 1 && operand.AsFunction() is { } callee && TouchesShadowGlobals(callee, visited))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// A shadowed pointer phi or select needs a shadow from each source: an allocation on the
    /// other path without one would leave the primal pointer standing in for its shadow.
    /// </summary>
    private void RequireShadowsOfEverySource(LlvmInstruction instruction)
    {
        if (instruction.Type.IsPointer)
        {
            RequireShadowMemory(instruction.Value, instruction, reportConstant: false);
        }
    }

    private static bool IsDerivedPointer(LlvmValue value) =>
        value.AsInstruction() is { } instruction && instruction.Opcode is LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast
            or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMPHI or LLVMOpcode.LLVMSelect or LLVMOpcode.LLVMFreeze;

    /// <summary>Gives shadow memory to the objects <paramref name="pointer"/> may be based on.</summary>
    private void RequireShadowMemory(LlvmValue pointer, LlvmInstruction site, bool reportConstant)
    {
        var pending = new Stack<LlvmValue>();
        var seen = new HashSet<LLVMValueRef>();
        pending.Push(pointer);
        while (pending.Count > 0)
        {
            LlvmValue p = pending.Pop();
            // A derived pointer (GEP, cast, phi, select) may already be shadowed through one of its
            // sources while another source has no shadow yet (a phi of two allocations): keep
            // walking to the roots, so every allocation it may point into gets a shadow.
            if (!seen.Add(p.Handle) || (IsShadowed(p) && !IsDerivedPointer(p)))
            {
                continue;
            }
            if (p.IsArgument)
            {
                if (reportConstant && p.Type.IsPointer)
                {
                    _constantWrites.TryAdd(site.Handle, (site, p));
                }
                continue;
            }
            if (p.IsGlobalVariable)
            {
                // Constants are never written; inactive globals are the user's choice.
                if (p.AsGlobalVariable() is { IsConstant: false } && !_annotations.InactiveGlobals.Contains(p.Handle) && _shadowGlobals.Add(p.Handle))
                {
                    _changed = true;
                }
                continue;
            }
            if (p.IsConstantExpression)
            {
                pending.Push(p.GetOperand(0));
                continue;
            }
            if (p.AsInstruction() is not { } instruction)
            {
                continue;
            }
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMAlloca:
                    _shadowAllocations.Add(p.Handle);
                    Mark(p);
                    break;
                case LLVMOpcode.LLVMCall:
                    CallTarget target = _classifier.Classify(instruction);
                    CallKind kind = target.Kind;
                    if (target.LibraryRule is { Allocates: true })
                    {
                        _shadowAllocations.Add(p.Handle);
                        Mark(p);
                    }
                    else if (kind is CallKind.UserFunction or CallKind.Indirect)
                    {
                        // The derivative of the callee returns the pointer's shadow; the pointer
                        // most likely points into memory passed in, which needs shadows too.
                        _callsNeedingDerivative.Add(p.Handle);
                        Mark(p);
                        for (int i = 0; i < instruction.ArgumentCount; i++)
                        {
                            if (instruction.GetArgument(i).Type.IsPointer)
                            {
                                pending.Push(instruction.GetArgument(i));
                            }
                        }
                    }
                    else if (reportConstant && kind != CallKind.Inactive)
                    {
                        // Memory an inactive library function hands out (std::string's character
                        // buffer, getenv's text) is its own and holds no derivative: writes there
                        // stay without shadow. Any other call's memory cannot get one.
                        _untracked.TryAdd(site.Handle, (site, p));
                    }
                    break;
                case LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast
                    or LLVMOpcode.LLVMIntToPtr or LLVMOpcode.LLVMPtrToInt or LLVMOpcode.LLVMFreeze:
                    pending.Push(p.GetOperand(0));
                    break;
                case LLVMOpcode.LLVMAdd or LLVMOpcode.LLVMSub or LLVMOpcode.LLVMAnd or LLVMOpcode.LLVMOr:
                    pending.Push(p.GetOperand(0));
                    pending.Push(p.GetOperand(1));
                    break;
                case LLVMOpcode.LLVMSelect:
                    pending.Push(p.GetOperand(1));
                    pending.Push(p.GetOperand(2));
                    break;
                case LLVMOpcode.LLVMPHI:
                    foreach ((LlvmValue incoming, _) in instruction.Incoming)
                    {
                        pending.Push(incoming);
                    }
                    break;
                case LLVMOpcode.LLVMLoad:
                    // A pointer loaded from memory gets its shadow from that memory's shadow.
                    pending.Push(p.GetOperand(0));
                    break;
            }
        }
    }
}
