using Enzyme.Engine.Analysis;
using Enzyme.Engine.Annotations;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Creates combined reverse-mode gradient functions, one per <see cref="ReverseSignature"/>.
/// The primal is cloned, its calls to user functions are inlined (calls that cannot be are
/// an error for now), and the clone is canonicalised — one return block, loops in
/// loop-simplify form — before <see cref="ReverseFunctionBuilder"/> adds the reverse sweep.
/// </summary>
public sealed class ReverseModeGenerator(LlvmContext context, LlvmModule module, EnzymeAnnotations annotations, CallClassifier classifier, ShadowGlobalTable shadowGlobals)
{
    public const string PreprocessingPipeline = "sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg,mergereturn,loop-simplify";
    private const int MaximumInliningRounds = 16;

    private readonly Dictionary<string, LlvmFunction> _gradients = [];
    private readonly Dictionary<string, SplitGradient> _splits = [];
    private readonly Dictionary<LlvmFunction, ReverseSweepLayout> _layouts = [];
    private readonly bool _everyFunctionIsNoInline = EveryFunctionIsNoInline(module);
    private readonly Dictionary<string, SplitGradient> _dispatchedSplits = [];
    private IndirectCallTargets? _indirectTargets;

    public LlvmContext Context { get; } = context;
    public LlvmModule Module { get; } = module;
    public EnzymeAnnotations Annotations { get; } = annotations;
    public CallClassifier Classifier { get; } = classifier;
    public ShadowGlobalTable ShadowGlobalTable { get; } = shadowGlobals;

    /// <summary>A line per generated gradient describing its caches (enzyme-ad --report).</summary>
    public List<string> Report { get; } = [];

    /// <summary>Whether clones go through <see cref="PreDifferentiationPipeline"/> before they are differentiated.</summary>
    public bool OptimiseFirst { get; init; } = true;

    /// <summary>See <see cref="Pipeline.PipelineOptions.PrivateScalarAdjointsInParallelRegions"/>.</summary>
    public bool PrivateScalarAdjointsInParallelRegions { get; init; } = true;

    /// <summary>Lines to show the user although the derivative was generated (see <see cref="PreDifferentiationPipeline"/>).</summary>
    public List<string> Warnings { get; } = [];

    public LlvmFunction GetOrCreate(ReverseSignature signature, DebugLocation? requestLocation)
    {
        if (_gradients.TryGetValue(signature.Key, out LlvmFunction existing))
        {
            return existing;
        }
        LlvmFunction primal = signature.Function;
        LlvmFunction gradient = Declare(signature);
        _gradients.Add(signature.Key, gradient);

        var argumentMap = new Dictionary<LlvmValue, LlvmValue>();
        var shadowArguments = new List<(LlvmValue Primal, LlvmValue Shadow)>();
        var activeArguments = new List<LlvmValue>();
        int next = 0;
        for (int i = 0; i < primal.ParameterCount; i++)
        {
            LlvmValue parameter = gradient.GetParameter(next++);
            parameter.Name = primal.GetParameter(i).Name;
            FunctionAttributes.CopyToGradientParameter(primal, i, gradient, next - 1);
            argumentMap[primal.GetParameter(i)] = parameter;
            switch (signature.Activities[i])
            {
                case ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed:
                    LlvmValue shadow = gradient.GetParameter(next++);
                    shadow.Name = parameter.Name + "'";
                    FunctionAttributes.CopyToAdjointShadow(primal, i, gradient, next - 1);
                    shadowArguments.Add((parameter, shadow));
                    break;
                case ArgumentActivity.Active:
                    activeArguments.Add(parameter);
                    break;
            }
        }
        FunctionCloner.CloneBody(Context, primal, gradient, argumentMap);
        FunctionAttributes.CopyFunction(primal, gradient);
        ExceptionalPathLowering.CutExceptionalEdges(Context, gradient);
        CachePoolBypass.Run(Module, gradient);
        InlineUserCalls(gradient, primal);
        ExceptionalPathLowering.ReportThrows(Module, gradient, primal.Name);
        OpenMpReductionLowering.Run(Context, Module, gradient, primal);
        ReallocationExpansion.Run(Module, gradient, Classifier);
        if (OptimiseFirst && PreDifferentiationPipeline.Run(Context, gradient, primal.Name) is { } warning)
        {
            Warnings.Add(warning);
        }
        gradient.RunPasses(PreprocessingPipeline, "preprocessing");
        // After SROA: a Fortran MPI handle passed by reference is a constant now, also without the pre-optimisation.
        FortranMpiHandleFolding.Run(Module, gradient);
        if (AtomicUpdateCanonicalization.Run(Context, gradient))
        {
            gradient.RunPasses(PreprocessingPipeline, "preprocessing");
        }
        PoisonLaneCanonicalizer.Run(Context, gradient);
        IntegerCopyRetyping.Run(Context, gradient);

        var analysis = new ForwardActivityAnalysis(gradient,
            shadowArguments.Select(s => s.Primal).Concat(activeArguments), Classifier, Annotations, ShadowGlobalTable.Requested,
            returnNeedsShadow: signature.ReturnShadow);
        LlvmValue? seed = signature.SeedFromParameter ? gradient.GetParameter(gradient.ParameterCount - 1) : null;
        _layouts[gradient] = new ReverseFunctionBuilder(this, gradient, primal, signature, analysis, shadowArguments, activeArguments, requestLocation, seed).Build();
        return gradient;
    }

    /// <summary>
    /// The vector gradient (<c>enzyme_width</c> <paramref name="width"/>): the combined gradient's forward sweep once,
    /// its reverse sweep once per lane (<see cref="VectorGradientBuilder"/>).
    /// </summary>
    internal LlvmFunction GetOrCreateVector(ReverseSignature signature, int width, DebugLocation? requestLocation)
    {
        string key = $"{signature.Key}|width{width}";
        if (_gradients.TryGetValue(key, out LlvmFunction existing))
        {
            return existing;
        }
        LlvmFunction combined = GetOrCreate(signature, requestLocation);
        LlvmFunction vector = new VectorGradientBuilder(Context, Module, combined, _layouts[combined], signature, width, ShadowGlobalTable, requestLocation).Build();
        _gradients.Add(key, vector);
        return vector;
    }

    /// <summary>
    /// The augmented and reverse halves of a gradient, for calls reverse mode cannot inline
    /// (recursion) and for callees with a custom gradient (the halves then adapt the program's
    /// own augmented and reverse functions). Both are declared before any body is built, so a recursive callee calls
    /// its own halves.
    /// </summary>
    internal SplitGradient GetOrCreateSplit(ReverseSignature signature, DebugLocation? location)
    {
        if (_splits.TryGetValue(signature.Key, out SplitGradient? existing))
        {
            return existing;
        }
        LlvmFunction primal = signature.Function;
        LlvmType[] primalParameters = primal.FunctionType.ParameterTypes;
        var parameters = new List<LlvmType>();
        var adjoints = new List<LlvmType>();
        for (int i = 0; i < primalParameters.Length; i++)
        {
            parameters.Add(primalParameters[i]);
            if (signature.Activities[i] is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed)
            {
                parameters.Add(primalParameters[i]);
            }
            else if (signature.Activities[i] == ArgumentActivity.Active)
            {
                adjoints.Add(primalParameters[i]);
            }
        }
        bool returnsPrimal = !primal.ReturnType.IsVoid;
        bool returnsShadow = signature.ReturnShadow && primal.ReturnType.IsPointer;
        LlvmType augmentedReturn = returnsShadow ? Context.StructType([primal.ReturnType, Context.PointerType(), primal.ReturnType])
            : returnsPrimal ? Context.StructType([primal.ReturnType, Context.PointerType()]) : Context.PointerType();
        LlvmFunction augmented = Module.AddFunction($"augmented_{primal.Name}", LlvmType.Function(augmentedReturn, [.. parameters]));
        augmented.Linkage = LLVMLinkage.LLVMInternalLinkage;
        var reverseParameters = new List<LlvmType>(parameters);
        if (signature.SeedFromParameter)
        {
            reverseParameters.Add(primal.ReturnType);
        }
        reverseParameters.Add(Context.PointerType());
        LlvmType reverseReturn = adjoints.Count switch { 0 => Context.VoidType, 1 => adjoints[0], _ => Context.StructType([.. adjoints]) };
        LlvmFunction reverse = Module.AddFunction($"reverse_{primal.Name}", LlvmType.Function(reverseReturn, [.. reverseParameters]));
        reverse.Linkage = LLVMLinkage.LLVMInternalLinkage;
        var split = new SplitGradient(augmented, reverse, returnsPrimal, returnsShadow);
        if (IsMarkedNoInline(primal))
        {
            // The program keeps this function out of line; so do its halves. Inlining every half
            // into its caller made one function of ~10^5 instructions, whose code generation grows
            // faster than linearly (bench/build-costs).
            LlvmAttribute noInline = FunctionAttributes.Create(Context, "noinline");
            augmented.AddAttribute(LlvmAttributeIndex.Function, noInline);
            reverse.AddAttribute(LlvmAttributeIndex.Function, noInline);
        }
        _splits.Add(signature.Key, split);

        if (Annotations.CustomGradients.TryGetValue(primal, out CustomGradient? custom))
        {
            if (returnsShadow)
            {
                throw DifferentiationErrors.CustomGradientReturningPointer(primal, location);
            }
            new CustomGradientAdapter(Context, signature, split, custom, location).Build();
            return split;
        }

        LlvmFunction combined = GetOrCreate(signature with { Split = true }, location);
        GradientSplitter.Split(Context, Module, combined, _layouts[combined], split, signature.SeedFromParameter);
        return split;
    }

    /// <summary>
    /// The halves of a call through a pointer: an augmented and a reverse dispatcher
    /// (<see cref="IndirectCallDispatch"/>) calling the split halves, with these activities, of the
    /// function the pointer holds. Both take the pointer first; the reverse sweep passes the same
    /// pointer (cached if need be), so the reverse half matches the augmented half that made the tape.
    /// </summary>
    internal SplitGradient GetOrCreateDispatchedSplit(LlvmInstruction call, LlvmFunction primal, IReadOnlyList<ArgumentActivity> activities,
        bool resultActive, bool resultShadowed)
    {
        _indirectTargets ??= new IndirectCallTargets(Module);
        IReadOnlyList<LlvmFunction> targets = _indirectTargets.PossibleTargets(call);
        string key = IndirectCallDispatch.Key(targets, $"{string.Join(",", activities.Select(a => (int)a))}|{resultActive}|{resultShadowed}");
        if (_dispatchedSplits.TryGetValue(key, out SplitGradient? existing))
        {
            return existing;
        }
        bool anyActivity = activities.Any(a => a != ArgumentActivity.Constant) || resultActive || resultShadowed;
        var augmentedCases = new List<IndirectCallDispatch.DispatchCase>();
        var reverseCases = new List<IndirectCallDispatch.DispatchCase>();
        SplitGradient? shape = null;
        foreach (LlvmFunction target in targets)
        {
            LlvmFunction body = target.IsDeclaration ? IndirectCallDispatch.WrapDeclaration(Context, Module, target) : target;
            if (target.IsDeclaration && anyActivity && !IndirectCallDispatch.WrappedCallIsDifferentiable(Classifier, body, forward: false))
            {
                string missing = IndirectCallDispatch.MissingDerivativeMessage(primal.Name, call, target.Name);
                augmentedCases.Add(new(target, null, missing));
                reverseCases.Add(new(target, null, missing));
                continue;
            }
            SplitGradient split = GetOrCreateSplit(new ReverseSignature(body, activities, resultActive, ReturnShadow: resultShadowed), call.DebugLocation);
            shape ??= split;
            augmentedCases.Add(new(target, split.Augmented, null));
            reverseCases.Add(new(target, split.Reverse, null));
        }
        if (shape is null)
        {
            throw DifferentiationErrors.IndirectCallWithoutTargets(primal, call, targets);
        }
        string unknown = IndirectCallDispatch.UnknownTargetMessage(primal.Name, call, targets);
        string site = call.DebugLocation is { } location ? $"line{location.Line}" : "call";
        var dispatched = new SplitGradient(
            IndirectCallDispatch.Build(Context, Module, $"augmented_indirect.{site}", shape.Augmented.FunctionType, augmentedCases, unknown),
            IndirectCallDispatch.Build(Context, Module, $"reverse_indirect.{site}", shape.Reverse.FunctionType, reverseCases, unknown),
            shape.ReturnsPrimal, shape.ReturnsShadow);
        _dispatchedSplits.Add(key, dispatched);
        return dispatched;
    }

    private LlvmFunction Declare(ReverseSignature signature)
    {
        LlvmFunction primal = signature.Function;
        LlvmType[] primalParameters = primal.FunctionType.ParameterTypes;
        var parameters = new List<LlvmType>();
        var adjoints = new List<LlvmType>();
        for (int i = 0; i < primalParameters.Length; i++)
        {
            parameters.Add(primalParameters[i]);
            switch (signature.Activities[i])
            {
                case ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed:
                    parameters.Add(primalParameters[i]);
                    break;
                case ArgumentActivity.Active:
                    adjoints.Add(primalParameters[i]);
                    break;
            }
        }
        LlvmType returnType = adjoints.Count switch
        {
            0 => Context.VoidType,
            1 => adjoints[0],
            _ => Context.StructType([.. adjoints]),
        };
        if (signature.SeedFromParameter)
        {
            // The adjoint of the result, from the caller's reverse sweep.
            parameters.Add(primal.ReturnType);
        }
        LlvmFunction gradient = Module.AddFunction($"diffe{primal.Name}", LlvmType.Function(returnType, [.. parameters]));
        gradient.Linkage = LLVMLinkage.LLVMInternalLinkage;
        return gradient;
    }

    /// <summary>
    /// Inlines calls to user functions (with bodies) by marking the call sites always-inline,
    /// until none remain but recursive calls and calls to noinline functions (unless they return
    /// a struct holding pointers, see <see cref="ReturnsShadowableResult"/>), which the builder turns into calls
    /// of the callee's augmented and reverse functions.
    /// </summary>
    /// <summary>
    /// A split call can hand back a plain pointer result with its shadow, but not pointers inside a
    /// returned struct: such callees are inlined despite noinline.
    /// </summary>
    private static bool ReturnsShadowableResult(LlvmFunction callee) =>
        callee.ReturnType.IsPointer || !TypeFacts.ContainsPointer(callee.ReturnType);

    /// <summary>
    /// noinline as the program means it. clang -O0 marks every function noinline (together with optnone,
    /// unless <c>-Xclang -disable-O0-optnone</c>), which asks for no optimisation of the primal, not for its
    /// derivative to stay a call: split calls cost a tape allocation each and block every optimisation
    /// across them (GMM from -O0: 49x the objective split, 2x inlined), and a derivative that keeps a
    /// function-pointer parameter opaque could not even be formed. So noinline counts only on a function
    /// without optnone in a module where some function is not noinline.
    /// </summary>
    private bool IsMarkedNoInline(LlvmFunction callee) =>
        !_everyFunctionIsNoInline
        && FunctionAttributes.HasFunctionAttribute(callee, "noinline") && !FunctionAttributes.HasFunctionAttribute(callee, "optnone");

    /// <summary>Whether the input looks like clang -O0 output: every function with a body noinline, leaving out
    /// always_inline ones and those calling the Enzyme API (entry points the engine synthesised for EnzymeGradient
    /// items are among them). Computed when the generator is made, before any derivative is added to the module.</summary>
    private static bool EveryFunctionIsNoInline(LlvmModule module) =>
        module.Functions.Where(f => !f.IsDeclaration && !FunctionAttributes.HasFunctionAttribute(f, "alwaysinline")
                && !f.Instructions.Any(i => i.IsCall && EnzymeCallSiteFinder.IsApiCall(i.CalledValue.Name)))
            .All(f => FunctionAttributes.HasFunctionAttribute(f, "noinline"));

    private void InlineUserCalls(LlvmFunction gradient, LlvmFunction primal)
    {
        LlvmAttribute alwaysInline = FunctionAttributes.Create(Context, "alwaysinline");
        for (int round = 0; round < MaximumInliningRounds; round++)
        {
            bool marked = false;
            foreach (LlvmInstruction call in gradient.Instructions.Where(i => i.IsCall).ToList())
            {
                CallTarget target = Classifier.Classify(call);
                if (target.Kind != CallKind.UserFunction || target.Gradient is not null || target.Callee!.Value == primal || target.Callee.Value == gradient
                    || (IsMarkedNoInline(target.Callee.Value) && ReturnsShadowableResult(target.Callee.Value)))
                {
                    // Recursive and noinline callees are differentiated as calls (augmented + reverse).
                    continue;
                }
                call.AddCallSiteAttribute(LlvmAttributeIndex.Function, alwaysInline);
                marked = true;
            }
            if (!marked)
            {
                return;
            }
            Module.RunPasses("always-inline");
            // Inlined callees bring their own invokes, which hide further calls from the next round.
            ExceptionalPathLowering.CutExceptionalEdges(Context, gradient);
        }
    }
}
