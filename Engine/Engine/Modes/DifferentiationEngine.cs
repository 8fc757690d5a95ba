using Enzyme.Engine.Analysis;
using Enzyme.Engine.Annotations;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Modes.Forward;
using Enzyme.Engine.Modes.Reverse;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes;

/// <summary>
/// Resolves every Enzyme API call of a module: parses the request, obtains the derivative
/// function from the mode's generator, and replaces the call by a call to it; converting the
/// arguments and the result between the call site's C ABI shapes and the derivative's types is
/// <see cref="CallSiteAbi"/>'s. Requests of modes not implemented yet are ENZ1001 errors;
/// nothing is passed through.
/// </summary>
public sealed class DifferentiationEngine
{
    private readonly LlvmContext _context;
    private readonly LlvmModule _module;
    private readonly ForwardModeGenerator _forward;
    private readonly ReverseModeGenerator _reverse;
    private readonly ForwardSplitGenerator _forwardSplit;

    /// <summary>The splits (<see cref="ForwardSplitGenerator.KeyOf"/>) some <c>__enzyme_fwdsplit</c> call consumes: their <c>__enzyme_augmentfwd</c> records the forward split's tape.</summary>
    private readonly HashSet<string> _forwardSplitKeys = [];
    private readonly EnzymeAnnotations _annotations;
    private readonly Dictionary<LlvmFunction, LlvmFunction> _ruleWrappers = [];

    /// <param name="optimiseBeforeDifferentiation">See <see cref="Pipeline.PipelineOptions.OptimiseBeforeDifferentiation"/>.</param>
    /// <param name="privateScalarAdjointsInParallelRegions">See <see cref="Pipeline.PipelineOptions.PrivateScalarAdjointsInParallelRegions"/>.</param>
    public DifferentiationEngine(LlvmModule module, bool optimiseBeforeDifferentiation = true, bool privateScalarAdjointsInParallelRegions = true)
    {
        _context = module.Context;
        _module = module;
        EnzymeAnnotations annotations = EnzymeAnnotations.Read(module);
        _annotations = annotations;
        var classifier = new CallClassifier(annotations, _context);
        var shadowGlobals = new ShadowGlobalTable(module);
        _forward = new ForwardModeGenerator(_context, module, annotations, classifier, shadowGlobals) { OptimiseFirst = optimiseBeforeDifferentiation };
        _reverse = new ReverseModeGenerator(_context, module, annotations, classifier, shadowGlobals)
        {
            OptimiseFirst = optimiseBeforeDifferentiation,
            PrivateScalarAdjointsInParallelRegions = privateScalarAdjointsInParallelRegions,
        };
        _forwardSplit = new ForwardSplitGenerator(_forward);
    }

    /// <summary>What was generated: one line per derivative function.</summary>
    public IReadOnlyList<string> Report => _reverse.Report;

    /// <summary>Warnings about the input (one line each, distinct), e.g. loops the front end vectorised.</summary>
    public IReadOnlyList<string> Warnings => [.. _forward.Warnings.Concat(_reverse.Warnings).Distinct()];

    /// <summary>Number of Enzyme API calls replaced.</summary>
    public int Run()
    {
        // An API call inside a try block, or with destructors pending, is an invoke: the derivative
        // replacing it does not throw on the differentiated path, so it becomes a call.
        foreach (LlvmFunction function in _module.Functions.Where(f => !f.IsDeclaration).ToList())
        {
            ExceptionalPathLowering.CutExceptionalEdges(_context, function, i => EnzymeCallSiteFinder.IsApiCall(i.CalledValue.Name));
        }
        IReadOnlyList<EnzymeCallSite> found = EnzymeCallSiteFinder.Find(_module);
        var unsupported = found.Where(s => s.EntryPoint is EnzymeEntryPoint.NotImplemented or EnzymeEntryPoint.Unknown).Select(Unsupported).ToList();
        if (unsupported.Count > 0)
        {
            throw new EnzymeException(unsupported);
        }
        RemoveTypeAnnotations(found.Where(s => s.EntryPoint == EnzymeEntryPoint.TypeAnnotation));
        IReadOnlyList<EnzymeCallSite> sites = found.Where(s => s.EntryPoint is not (EnzymeEntryPoint.TypeAnnotation or EnzymeEntryPoint.IgnoreDerivatives)).ToList();
        PlanForwardSplits(sites);
        var existing = _module.Functions.ToHashSet();
        var done = new HashSet<LlvmInstruction>();
        foreach (EnzymeCallSite site in sites)
        {
            Resolve(site, sites, done, []);
        }
        MathErrnoRelaxation.Apply(_context, _module.Functions.Where(f => !f.IsDeclaration && !existing.Contains(f)));
        int ignored = ReplaceIgnoredDerivatives();
        return sites.Count + ignored;
    }

    /// <summary>
    /// Requests inside the function a request differentiates (or inside anything it calls) are
    /// resolved first, so that e.g. the forward derivative of a function calling
    /// __enzyme_autodiff differentiates the generated gradient (Hessian-vector products).
    /// </summary>
    private void Resolve(EnzymeCallSite site, IReadOnlyList<EnzymeCallSite> all, HashSet<LlvmInstruction> done, HashSet<LlvmInstruction> active)
    {
        if (done.Contains(site.Call) || !active.Add(site.Call))
        {
            return;
        }
        if (TargetOf(site) is { } target)
        {
            HashSet<LlvmFunction> reachable = CallGraphFrom(target);
            foreach (EnzymeCallSite inner in all)
            {
                if (inner != site && reachable.Contains(inner.Caller))
                {
                    Resolve(inner, all, done, active);
                }
            }
        }
        switch (site.EntryPoint)
        {
            case EnzymeEntryPoint.ForwardDiff:
                ReplaceForward(site);
                break;
            case EnzymeEntryPoint.ForwardSplit:
                ReplaceForwardSplit(site);
                break;
            case EnzymeEntryPoint.AugmentForward:
                ReplaceAugmentForward(site);
                break;
            case EnzymeEntryPoint.Reverse:
                ReplaceSplitReverse(site);
                break;
            case EnzymeEntryPoint.AugmentSize:
                ReplaceAugmentSize(site);
                break;
            default:
                ReplaceReverse(site);
                break;
        }
        done.Add(site.Call);
        active.Remove(site.Call);
    }

    /// <summary>The function a request differentiates, when argument 0 names one directly.</summary>
    private static LlvmFunction? TargetOf(EnzymeCallSite site)
    {
        for (int i = 0; i < Math.Min(2, site.Call.ArgumentCount); i++)
        {
            if (site.Call.GetArgument(i).AsFunction() is { } function)
            {
                return function;
            }
        }
        return null;
    }

    /// <summary>Functions reachable from <paramref name="root"/> through direct calls, itself included.</summary>
    private static HashSet<LlvmFunction> CallGraphFrom(LlvmFunction root)
    {
        var reachable = new HashSet<LlvmFunction> { root };
        var pending = new Stack<LlvmFunction>([root]);
        while (pending.Count > 0)
        {
            LlvmFunction function = pending.Pop();
            foreach (LlvmInstruction instruction in function.Instructions)
            {
                if (instruction.IsCall && instruction.CalledValue.AsFunction() is { IsDeclaration: false } callee && reachable.Add(callee))
                {
                    pending.Push(callee);
                }
            }
        }
        return reachable;
    }

    private const string ImplementedEntryPoints = "__enzyme_fwddiff, __enzyme_autodiff, __enzyme_augmentfwd, __enzyme_reverse, __enzyme_fwdsplit or __enzyme_augmentsize";

    private static EnzymeDiagnostic Unsupported(EnzymeCallSite site) => site.EntryPoint == EnzymeEntryPoint.Unknown
        ? new EnzymeDiagnostic(DiagnosticCodes.UnknownEnzymeEntryPoint,
            $"call to '{site.CalleeName}' {site.Where} is not an Enzyme API function this engine knows; use {ImplementedEntryPoints}", site.Location)
        : new EnzymeDiagnostic(DiagnosticCodes.DifferentiationNotAvailable,
            $"call to '{site.CalleeName}' {site.Where} is an entry point of Enzyme's API that this version of enzyme-ad does not implement " +
            $"(see docs/enzyme-compatibility.md); use {ImplementedEntryPoints}, or remove the call", site.Location);

    /// <summary>
    /// Enzyme's type hints (<c>__enzyme_float(ptr, bytes)</c>, ...) tell its type analysis what memory holds; they
    /// have no effect at run time and this engine infers types without them, so the calls go.
    /// </summary>
    private static void RemoveTypeAnnotations(IEnumerable<EnzymeCallSite> annotations)
    {
        foreach (EnzymeCallSite site in annotations)
        {
            LlvmInstruction call = site.Call;
            if (!call.Type.IsVoid && call.Value.Users.Any())
            {
                throw new EnzymeException(DiagnosticCodes.ReturnTypeMismatch,
                    $"the result of the call to '{site.CalleeName}' {site.Where} is used, but Enzyme's type annotations return nothing; declare it void", site.Location);
            }
            call.EraseFromParent();
        }
    }

    /// <summary>
    /// <c>__enzyme_ignore_derivatives(x)</c> is x. While differentiating, the call is inactive (the classifier says so),
    /// so nothing flows through it; afterwards every copy of it (in the program and in the derivatives made from
    /// clones of it) becomes its argument.
    /// </summary>
    private int ReplaceIgnoredDerivatives()
    {
        List<LlvmInstruction> calls = _module.Functions.Where(f => !f.IsDeclaration).SelectMany(f => f.Instructions)
            .Where(i => i.IsCall && EnzymeCallSiteFinder.Classify(i.CalledValue.Name) == EnzymeEntryPoint.IgnoreDerivatives).ToList();
        foreach (LlvmInstruction call in calls)
        {
            if (call.ArgumentCount < 1 || call.GetArgument(0).Type != call.Type)
            {
                throw new EnzymeException(DiagnosticCodes.ReturnTypeMismatch,
                    $"'{call.CalledValue.Name}' in '{call.Function.Name}' must return the type of its argument: declare it e.g. double __enzyme_ignore_derivatives(double)",
                    call.DebugLocation);
            }
            call.Value.ReplaceAllUsesWith(call.GetArgument(0));
            call.EraseFromParent();
        }
        return calls.Count;
    }

    private void ReplaceForward(EnzymeCallSite site)
    {
        DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: true, HasRule);
        LlvmFunction function = WrapIfRuleBased(request.Function);
        LlvmInstruction call = site.Call;
        LlvmType returnType = function.ReturnType;
        bool returnsTangent = !returnType.IsVoid && TypeFacts.CarriesDerivative(returnType);
        bool resultUsed = request.ResultPointer is not null || (!call.Type.IsVoid && call.Value.Users.Any());
        if (!returnsTangent && resultUsed)
        {
            throw new EnzymeException(DiagnosticCodes.ReturnTypeMismatch,
                $"the result of the call to '{site.CalleeName}' {site.Where} is used, but '{function.Name}' returns {returnType}, which has no derivative", site.Location);
        }
        var signature = new ForwardSignature(function, request.Arguments.Select(a => a.HasShadow).ToArray(), request.Width,
            returnsTangent ? ForwardReturn.TangentOnly : ForwardReturn.Void);
        LlvmFunction derivative = _forward.GetOrCreate(signature);

        using var builder = new LlvmBuilder(_context);
        var emitter = new IrEmitter(_context, _module, builder);
        builder.PositionBefore(call);
        List<LlvmValue> arguments = CallSiteAbi.ForwardArguments(emitter, request, function);
        LlvmValue result = builder.Call(derivative.FunctionType, derivative, [.. arguments]);
        CallSiteAbi.ReplaceWithTangents(emitter, request, result, returnType);
        EraseRequest(request);
    }

    private void ReplaceReverse(EnzymeCallSite site)
    {
        DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: false, HasRule);
        LlvmFunction function = WrapIfRuleBased(request.Function);
        ValidateReverseRequest(request, function, allowWidth: true);
        var signature = new ReverseSignature(function, request.Arguments.Select(a => a.Activity).ToArray());
        LlvmFunction gradient = request.Width == 1 ? _reverse.GetOrCreate(signature, site.Location) : _reverse.GetOrCreateVector(signature, request.Width, site.Location);

        using var builder = new LlvmBuilder(_context);
        var emitter = new IrEmitter(_context, _module, builder);
        builder.PositionBefore(site.Call);
        // Width N: each duplicated argument's N shadows follow it, as in forward mode (enzyme_dupv: base and stride).
        List<LlvmValue> arguments = CallSiteAbi.ForwardArguments(emitter, request, function);
        LlvmValue result = builder.Call(gradient.FunctionType, gradient, [.. arguments]);
        CallSiteAbi.ReplaceWithAdjoints(emitter, request, result);
        EraseRequest(request);
    }

    /// <summary>
    /// <c>__enzyme_augmentfwd(f, [enzyme_allocated, n, enzyme_tape, buffer,] args...)</c>: runs f's augmented
    /// forward function, which returns the tape (a heap block the matching <c>__enzyme_reverse</c> frees). The
    /// call returns the tape (declared <c>void*</c>), <c>{tape, result}</c>, or, with <c>enzyme_tape</c> (the tape
    /// is then stored in the buffer), the result or nothing.
    /// </summary>
    private void ReplaceAugmentForward(EnzymeCallSite site)
    {
        DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: false, HasRule, splitMode: true);
        LlvmFunction function = WrapIfRuleBased(request.Function);
        ValidateReverseRequest(request, function);
        if (request.Trailing is { Count: > 0 })
        {
            throw new EnzymeException(DiagnosticCodes.TooManyArguments,
                $"call to '{site.CalleeName}' {site.Where} passes more arguments than '{function.Name}' has parameters", site.Location);
        }
        IReadOnlyList<bool> forwardShadows = ForwardSplitShadows(request);
        SplitGradient split;
        if (_forwardSplitKeys.Contains(ForwardSplitGenerator.KeyOf(function, forwardShadows)))
        {
            ForwardSplitPair pair = _forwardSplit.GetOrCreate(function, forwardShadows, site.Location);
            split = new SplitGradient(pair.Augmented, pair.Tangent, pair.ReturnsPrimal);
        }
        else
        {
            split = _reverse.GetOrCreateSplit(SplitSignature(request, function), site.Location);
        }

        using var builder = new LlvmBuilder(_context);
        var emitter = new IrEmitter(_context, _module, builder);
        LlvmInstruction call = site.Call;
        builder.PositionBefore(call);
        CheckTapeBuffer(builder, emitter, request);
        List<LlvmValue> arguments = CallSiteAbi.ReverseArguments(emitter, request, function);
        LlvmValue augmented = builder.Call(split.Augmented.FunctionType, split.Augmented, [.. arguments]);
        augmented.CopyDebugLocationFrom(call);
        LlvmValue tape = split.ReturnsPrimal ? builder.ExtractValue(augmented, 1) : augmented;
        LlvmValue? primal = split.ReturnsPrimal ? builder.ExtractValue(augmented, 0) : null;
        if (request.TapeBuffer is { } buffer)
        {
            builder.Store(tape, buffer);
        }
        LlvmType callType = request.ResultType ?? call.Type;
        LlvmValue? value = null;
        if (callType.IsPointer && request.TapeBuffer is null)
        {
            value = tape;
        }
        else if (primal is { } p && callType == p.Type && request.TapeBuffer is not null)
        {
            value = p;
        }
        else if (primal is { } q && callType.Kind == LLVMTypeKind.LLVMStructTypeKind && callType.StructElementCount == 2
            && callType.GetStructElement(0).IsPointer && callType.GetStructElement(1) == q.Type)
        {
            value = builder.InsertValue(builder.InsertValue(LlvmValue.Poison(callType), tape, 0), q, 1);
        }
        else if (!callType.IsVoid || request.TapeBuffer is null)
        {
            // Without a buffer, the tape must come back: dropping it would leak it and leave nothing for __enzyme_reverse.
            throw new EnzymeException(DiagnosticCodes.ReturnTypeMismatch,
                $"the call to '{site.CalleeName}' {site.Where} is declared to return {callType}; __enzyme_augmentfwd of '{function.Name}' returns the tape (void*)"
                + (primal is { } r ? $", {{void*, {r.Type}}} (tape, result), or with enzyme_tape the result ({r.Type})" : ", or nothing with enzyme_tape"), site.Location);
        }
        if (value is { } v)
        {
            if (request.ResultPointer is { } resultPointer)
            {
                builder.Store(v, resultPointer);
            }
            else
            {
                call.Value.ReplaceAllUsesWith(v);
            }
        }
        EraseRequest(request);
    }

    /// <summary>
    /// Which <c>__enzyme_augmentfwd</c> calls record a forward split's tape: those whose function and
    /// activities (in forward-mode terms) match a <c>__enzyme_fwdsplit</c> call of the module. Every
    /// <c>__enzyme_fwdsplit</c> needs one, and the same activities cannot serve <c>__enzyme_reverse</c> too,
    /// because the two tapes hold different things.
    /// </summary>
    private void PlanForwardSplits(IReadOnlyList<EnzymeCallSite> sites)
    {
        if (!sites.Any(s => s.EntryPoint == EnzymeEntryPoint.ForwardSplit))
        {
            return;
        }
        var augmented = new HashSet<string>();
        var reversed = new HashSet<string>();
        foreach (EnzymeCallSite site in sites.Where(s => s.EntryPoint is EnzymeEntryPoint.AugmentForward or EnzymeEntryPoint.Reverse))
        {
            DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: false, HasRule, splitMode: true);
            string key = ForwardSplitGenerator.KeyOf(WrapIfRuleBased(request.Function), ForwardSplitShadows(request));
            (site.EntryPoint == EnzymeEntryPoint.AugmentForward ? augmented : reversed).Add(key);
        }
        foreach (EnzymeCallSite site in sites.Where(s => s.EntryPoint == EnzymeEntryPoint.ForwardSplit))
        {
            DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: true, HasRule, splitMode: true);
            LlvmFunction function = WrapIfRuleBased(request.Function);
            string key = ForwardSplitGenerator.KeyOf(function, request.Arguments.Select(a => a.HasShadow).ToArray());
            if (!augmented.Contains(key))
            {
                throw new EnzymeException(DiagnosticCodes.ForwardSplitUnsupported,
                    $"the call to '{site.CalleeName}' {site.Where} needs the tape of an __enzyme_augmentfwd call of '{request.Function.Name}' with the same activities " +
                    "(each duplicated pointer enzyme_dup, each duplicated scalar enzyme_out or a plain double, the rest enzyme_const), and the linked inputs have none", site.Location);
            }
            if (reversed.Contains(key))
            {
                throw new EnzymeException(DiagnosticCodes.ForwardSplitUnsupported,
                    $"the call to '{site.CalleeName}' {site.Where} and an __enzyme_reverse call differentiate '{request.Function.Name}' with the same activities; " +
                    "a tape of __enzyme_augmentfwd serves one of them in this engine: use __enzyme_autodiff or __enzyme_fwddiff for one of the two", site.Location);
            }
            _forwardSplitKeys.Add(key);
        }
    }

    /// <summary>A split request's activities in forward-mode terms: an enzyme_out scalar is a duplicated one there.</summary>
    private static bool[] ForwardSplitShadows(DifferentiationRequest request) =>
        request.Arguments.Select(a => a.HasShadow || a.Activity == ArgumentActivity.Active).ToArray();

    /// <summary>
    /// <c>__enzyme_fwdsplit(f, [enzyme_allocated, n, enzyme_tape, buffer,] args..., [tape])</c>: the tangent of f's
    /// result (or nothing for void) from the tangents of its arguments, passed as to <c>__enzyme_fwddiff</c>, and
    /// the tape of the matching <c>__enzyme_augmentfwd</c>, which it frees. It runs none of f's primal again.
    /// </summary>
    private void ReplaceForwardSplit(EnzymeCallSite site)
    {
        DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: true, HasRule, splitMode: true);
        LlvmFunction function = WrapIfRuleBased(request.Function);
        if (request.Width != 1)
        {
            throw new EnzymeException(DiagnosticCodes.InvalidWidth,
                $"enzyme_width in the call to '{site.CalleeName}' {site.Where}: the forward split supports width 1 only; use __enzyme_fwddiff for vector forward mode", site.Location);
        }
        int expectedTrailing = request.TapeBuffer is null ? 1 : 0;
        IReadOnlyList<LlvmValue> trailing = request.Trailing ?? [];
        if (trailing.Count != expectedTrailing)
        {
            throw new EnzymeException(trailing.Count < expectedTrailing ? DiagnosticCodes.TooFewArguments : DiagnosticCodes.TooManyArguments,
                $"call to '{site.CalleeName}' {site.Where} passes {trailing.Count} value(s) after the arguments of '{function.Name}'; it must pass " +
                (expectedTrailing == 0 ? "none (the tape is in the enzyme_tape buffer)" : "the tape returned by __enzyme_augmentfwd"), site.Location);
        }
        ForwardSplitPair pair = _forwardSplit.GetOrCreate(function, request.Arguments.Select(a => a.HasShadow).ToArray(), site.Location);
        LlvmInstruction call = site.Call;
        bool resultUsed = request.ResultPointer is not null || (!call.Type.IsVoid && call.Value.Users.Any());
        if (!pair.ReturnsTangent && resultUsed)
        {
            throw new EnzymeException(DiagnosticCodes.ReturnTypeMismatch,
                $"the result of the call to '{site.CalleeName}' {site.Where} is used, but '{function.Name}' returns {function.ReturnType}, which has no derivative", site.Location);
        }

        using var builder = new LlvmBuilder(_context);
        var emitter = new IrEmitter(_context, _module, builder);
        builder.PositionBefore(call);
        CheckTapeBuffer(builder, emitter, request);
        List<LlvmValue> arguments = CallSiteAbi.ForwardArguments(emitter, request, function);
        arguments.Add(request.TapeBuffer is { } buffer
            ? builder.Load(_context.PointerType(), buffer, "tape")
            : CallSiteAbi.Coerce(emitter, trailing[0], _context.PointerType(), site, function.ParameterCount));
        LlvmValue result = builder.Call(pair.Tangent.FunctionType, pair.Tangent, [.. arguments]);
        result.CopyDebugLocationFrom(call);
        if (pair.ReturnsTangent)
        {
            CallSiteAbi.ReplaceWithTangents(emitter, request, result, function.ReturnType);
        }
        EraseRequest(request);
    }

    /// <summary>
    /// <c>__enzyme_reverse(f, [enzyme_allocated, n, enzyme_tape, buffer,] args..., [d_result,] [tape])</c>: runs f's
    /// reverse function with the tape of the matching <c>__enzyme_augmentfwd</c> and returns the enzyme_out
    /// arguments' adjoints like <c>__enzyme_autodiff</c>. A floating-point result's adjoint comes after the arguments.
    /// </summary>
    private void ReplaceSplitReverse(EnzymeCallSite site)
    {
        DifferentiationRequest request = EnzymeRequestParser.Parse(site, forwardMode: false, HasRule, splitMode: true);
        LlvmFunction function = WrapIfRuleBased(request.Function);
        ValidateReverseRequest(request, function);
        ReverseSignature signature = SplitSignature(request, function);
        int expectedTrailing = (signature.SeedFromParameter ? 1 : 0) + (request.TapeBuffer is null ? 1 : 0);
        IReadOnlyList<LlvmValue> trailing = request.Trailing ?? [];
        if (trailing.Count != expectedTrailing)
        {
            string wanted = string.Join(" and ", new[] { signature.SeedFromParameter ? "the result's adjoint" : null, request.TapeBuffer is null ? "the tape returned by __enzyme_augmentfwd" : null }.OfType<string>());
            throw new EnzymeException(trailing.Count < expectedTrailing ? DiagnosticCodes.TooFewArguments : DiagnosticCodes.TooManyArguments,
                $"call to '{site.CalleeName}' {site.Where} passes {trailing.Count} value(s) after the arguments of '{function.Name}'; it must pass {(expectedTrailing == 0 ? "none" : wanted)}", site.Location);
        }
        SplitGradient split = _reverse.GetOrCreateSplit(signature, site.Location);

        using var builder = new LlvmBuilder(_context);
        var emitter = new IrEmitter(_context, _module, builder);
        builder.PositionBefore(site.Call);
        CheckTapeBuffer(builder, emitter, request);
        List<LlvmValue> arguments = CallSiteAbi.ReverseArguments(emitter, request, function);
        if (signature.SeedFromParameter)
        {
            arguments.Add(CallSiteAbi.Coerce(emitter, trailing[0], function.ReturnType, site, function.ParameterCount));
        }
        LlvmValue tape = request.TapeBuffer is { } buffer
            ? builder.Load(_context.PointerType(), buffer, "tape")
            : CallSiteAbi.Coerce(emitter, trailing[^1], _context.PointerType(), site, function.ParameterCount);
        arguments.Add(tape);
        LlvmValue result = builder.Call(split.Reverse.FunctionType, split.Reverse, [.. arguments]);
        CallSiteAbi.ReplaceWithAdjoints(emitter, request, result);
        EraseRequest(request);
    }

    /// <summary>
    /// <c>__enzyme_augmentsize(f, markers...)</c>: the bytes a caller-provided tape needs. This engine's tape is a
    /// heap block, so the caller's buffer holds a pointer to it.
    /// </summary>
    private void ReplaceAugmentSize(EnzymeCallSite site)
    {
        LlvmInstruction call = site.Call;
        if (TargetOf(site) is null)
        {
            throw new EnzymeException(DiagnosticCodes.NotAFunction,
                $"the first argument of the call to '{site.CalleeName}' {site.Where} is not a known function; pass the function itself, e.g. (void*)f", site.Location);
        }
        if (!call.Type.IsVoid)
        {
            if (!call.Type.IsInteger)
            {
                throw new EnzymeException(DiagnosticCodes.ReturnTypeMismatch,
                    $"the call to '{site.CalleeName}' {site.Where} must be declared to return an integer (the size in bytes)", site.Location);
            }
            call.Value.ReplaceAllUsesWith(LlvmValue.ConstInt(call.Type, TapePointerBytes));
        }
        var loads = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument)
            .Select(a => a.AsInstruction()).Where(i => i is { Opcode: LLVMOpcode.LLVMLoad }).Select(i => i!.Value).ToList();
        call.EraseFromParent();
        foreach (LlvmInstruction load in loads.Distinct())
        {
            if (!load.Value.Users.Any())
            {
                load.EraseFromParent();
            }
        }
    }

    private const int TapePointerBytes = 8;

    /// <summary>
    /// A caller-provided tape must hold the tape pointer: a constant size below that is an error here, a
    /// size known only at run time is checked there (a trap, before anything is written).
    /// </summary>
    private void CheckTapeBuffer(LlvmBuilder builder, IrEmitter emitter, DifferentiationRequest request)
    {
        EnzymeCallSite site = request.Site;
        if (request.AllocatedSize is not { } size)
        {
            return;
        }
        if (request.TapeBuffer is null)
        {
            throw new EnzymeException(DiagnosticCodes.SplitTapeInvalid,
                $"enzyme_allocated in the call to '{site.CalleeName}' {site.Where} needs the buffer too: enzyme_tape, buffer", site.Location);
        }
        if (size.ConstantIntValue is { } bytes)
        {
            if (bytes < TapePointerBytes)
            {
                throw new EnzymeException(DiagnosticCodes.SplitTapeInvalid,
                    $"the tape provided to '{site.CalleeName}' {site.Where} has {bytes} byte(s); '{request.Function.Name}' needs {TapePointerBytes} (__enzyme_augmentsize)", site.Location);
            }
            return;
        }
        if (!size.Type.IsInteger)
        {
            throw new EnzymeException(DiagnosticCodes.SplitTapeInvalid,
                $"enzyme_allocated in the call to '{site.CalleeName}' {site.Where} must be followed by the tape's size in bytes", site.Location);
        }
        LlvmValue bytes64 = size.Type.IntegerWidth switch
        {
            64 => size,
            < 64 => builder.Cast(LLVMOpcode.LLVMSExt, size, _context.Int64Type),
            _ => builder.Cast(LLVMOpcode.LLVMTrunc, size, _context.Int64Type),
        };
        LlvmFunction check = TapeSizeCheck();
        builder.Call(check.FunctionType, check, [bytes64]);
    }

    /// <summary><c>void check(i64 bytes)</c>: traps when a caller-provided tape cannot hold the tape pointer.</summary>
    private LlvmFunction TapeSizeCheck()
    {
        const string name = "__enzyme_sdk_check_tape_size";
        if (_module.GetFunction(name) is { } existing)
        {
            return existing;
        }
        LlvmFunction check = _module.AddFunction(name, LlvmType.Function(_context.VoidType, [_context.Int64Type]));
        check.Linkage = LLVMLinkage.LLVMInternalLinkage;
        using var builder = new LlvmBuilder(_context);
        var emitter = new IrEmitter(_context, _module, builder);
        LlvmBasicBlock entry = _context.AppendBasicBlock(check, "entry");
        LlvmBasicBlock trap = _context.AppendBasicBlock(check, "too.small");
        LlvmBasicBlock ok = _context.AppendBasicBlock(check, "ok");
        builder.PositionAtEnd(entry);
        builder.ConditionalBranch(builder.ICmp(LLVMIntPredicate.LLVMIntSLT, check.GetParameter(0), LlvmValue.ConstInt(_context.Int64Type, TapePointerBytes)), trap, ok);
        builder.PositionAtEnd(trap);
        (LlvmValue trapFunction, LlvmType trapType) = emitter.IntrinsicDeclaration("trap", []);
        builder.Call(trapType, trapFunction, []);
        builder.Unreachable();
        builder.PositionAtEnd(ok);
        builder.ReturnVoid();
        return check;
    }

    /// <summary>Split calls differentiate with respect to a floating-point result: its adjoint is passed to the reverse call.</summary>
    private static ReverseSignature SplitSignature(DifferentiationRequest request, LlvmFunction function) =>
        new(function, request.Arguments.Select(a => a.Activity).ToArray(), SeedFromParameter: TypeFacts.IsFloatingPointValue(function.ReturnType));

    private static void ValidateReverseRequest(DifferentiationRequest request, LlvmFunction function, bool allowWidth = false)
    {
        EnzymeCallSite site = request.Site;
        if (request.Width != 1 && !allowWidth)
        {
            throw new EnzymeException(DiagnosticCodes.InvalidWidth,
                $"enzyme_width in the call to '{site.CalleeName}' {site.Where} is supported by __enzyme_fwddiff and __enzyme_autodiff only, not by the split calls", site.Location);
        }
        LlvmType[] parameterTypes = function.FunctionType.ParameterTypes;
        foreach (RequestArgument argument in request.Arguments)
        {
            LlvmType type = parameterTypes[argument.ParameterIndex];
            if (argument.HasShadow && !type.IsPointer)
            {
                throw new EnzymeException(DiagnosticCodes.MarkerNotValidInMode,
                    $"parameter {argument.ParameterIndex + 1} of '{function.Name}' in the call to '{site.CalleeName}' {site.Where} is a {type} marked enzyme_dup; in reverse mode pass scalars as enzyme_out (the adjoint is returned) and use enzyme_dup for pointers", site.Location);
            }
            if (argument.Activity == ArgumentActivity.Active && !TypeFacts.IsFloatingPointValue(type) && !TypeFacts.ContainsFloatingPoint(type))
            {
                throw new EnzymeException(DiagnosticCodes.MarkerNotValidInMode,
                    $"parameter {argument.ParameterIndex + 1} of '{function.Name}' in the call to '{site.CalleeName}' {site.Where} is a {type} marked enzyme_out; only floating-point values have adjoints", site.Location);
            }
        }
    }

    private static void EraseRequest(DifferentiationRequest request)
    {
        request.Site.Call.EraseFromParent();
        // One load of a marker global may feed several markers (CSE at -O2): erase each once.
        foreach (LlvmInstruction marker in request.MarkerLoads.Distinct())
        {
            if (!marker.Value.Users.Any())
            {
                marker.EraseFromParent();
            }
        }
    }

    /// <summary>A custom derivative or gradient, a function-like annotation, or a math rule for a library function.</summary>
    private bool HasRule(LlvmFunction function) =>
        _annotations.CustomForwardDerivatives.ContainsKey(function)
        || _annotations.CustomGradients.ContainsKey(function)
        || _annotations.FunctionLike.ContainsKey(function)
        || (function.IsDeclaration && Rules.MathRules.TryFind(function.Name, function.IntrinsicId != 0, out _));

    /// <summary>
    /// A request for a function that has a rule must use the rule, not the body: differentiate a
    /// one-call wrapper, whose call the modes resolve through the rule.
    /// </summary>
    private LlvmFunction WrapIfRuleBased(LlvmFunction function)
    {
        if (!HasRule(function))
        {
            return function;
        }
        if (_ruleWrappers.TryGetValue(function, out LlvmFunction wrapper))
        {
            return wrapper;
        }
        wrapper = _module.AddFunction($"__enzyme_sdk_rule.{function.Name}", function.FunctionType);
        wrapper.Linkage = LLVMLinkage.LLVMInternalLinkage;
        using var builder = new LlvmBuilder(_context);
        builder.PositionAtEnd(_context.AppendBasicBlock(wrapper, "entry"));
        LlvmValue result = builder.Call(function.FunctionType, function, wrapper.Parameters.ToArray());
        if (function.ReturnType.IsVoid)
        {
            builder.ReturnVoid();
        }
        else
        {
            builder.Return(result);
        }
        _ruleWrappers[function] = wrapper;
        return wrapper;
    }
}
