using Enzyme.Engine.Analysis;
using Enzyme.Engine.Annotations;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// Creates forward-mode derivative functions on demand, one per <see cref="ForwardSignature"/>.
/// A derivative is registered before its body is built, so recursive functions call
/// themselves. Shadow globals are shared by all derivatives of the module.
/// </summary>
public sealed class ForwardModeGenerator
{
    /// <summary>Canonicalisation run on each clone before it is differentiated (design notes §2).</summary>
    public const string PreprocessingPipeline = "sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg";

    private readonly Dictionary<string, LlvmFunction> _derivatives = [];
    private readonly Dictionary<string, LlvmFunction> _dispatchers = [];
    private IndirectCallTargets? _indirectTargets;

    public ForwardModeGenerator(LlvmContext context, LlvmModule module, EnzymeAnnotations annotations, CallClassifier classifier, ShadowGlobalTable shadowGlobals)
    {
        Context = context;
        Module = module;
        Annotations = annotations;
        Classifier = classifier;
        ShadowGlobalTable = shadowGlobals;
    }

    public LlvmContext Context { get; }
    public LlvmModule Module { get; }
    public EnzymeAnnotations Annotations { get; }
    public CallClassifier Classifier { get; }

    public ShadowGlobalTable ShadowGlobalTable { get; }

    /// <summary>Whether clones go through <see cref="PreDifferentiationPipeline"/> before they are differentiated.</summary>
    public bool OptimiseFirst { get; init; } = true;

    /// <summary>Lines to show the user although the derivative was generated (see <see cref="PreDifferentiationPipeline"/>).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Globals that have shadow memory (shared across the derivatives of this module); see <see cref="ShadowGlobalTable.Requested"/>.</summary>
    public HashSet<LLVMValueRef> ShadowGlobals => ShadowGlobalTable.Requested;

    public LlvmFunction GetOrCreate(ForwardSignature signature)
    {
        if (_derivatives.TryGetValue(signature.Key, out LlvmFunction existing))
        {
            return existing;
        }
        LlvmFunction derivative = Declare(signature, name: null);
        _derivatives.Add(signature.Key, derivative);
        BuildBody(signature, derivative, primalInstructions: null);
        return derivative;
    }

    /// <summary>
    /// A forward derivative outside the cache, named <paramref name="name"/>, for the forward split
    /// (<c>__enzyme_fwdsplit</c>): <paramref name="primalInstructions"/> receives the instructions of the
    /// preprocessed primal clone before any tangent code is written next to them, so the caller can tell
    /// primal code from tangent code afterwards.
    /// </summary>
    internal LlvmFunction CreateDetached(ForwardSignature signature, string name, HashSet<LLVMValueRef> primalInstructions)
    {
        LlvmFunction derivative = Declare(signature, name);
        BuildBody(signature, derivative, primalInstructions);
        return derivative;
    }

    private void BuildBody(ForwardSignature signature, LlvmFunction derivative, HashSet<LLVMValueRef>? primalInstructions)
    {
        LlvmFunction primal = signature.Function;
        // Clone the primal body; primal parameters map to the derivative's primal parameters.
        var argumentMap = new Dictionary<LlvmValue, LlvmValue>();
        var shadowArguments = new List<(LlvmValue Primal, LlvmValue[] Lanes)>();
        int next = 0;
        for (int i = 0; i < primal.ParameterCount; i++)
        {
            LlvmValue primalParameter = derivative.GetParameter(next++);
            primalParameter.Name = primal.GetParameter(i).Name;
            argumentMap[primal.GetParameter(i)] = primalParameter;
            FunctionAttributes.CopyParameter(primal, i, derivative, next - 1);
            if (signature.ShadowedParameters[i])
            {
                var lanes = new LlvmValue[signature.Width];
                for (int k = 0; k < signature.Width; k++)
                {
                    lanes[k] = derivative.GetParameter(next++);
                    lanes[k].Name = $"{primalParameter.Name}'{(signature.Width > 1 ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
                    FunctionAttributes.CopyToTangentShadow(primal, i, derivative, next - 1);
                }
                shadowArguments.Add((primalParameter, lanes));
            }
        }
        FunctionCloner.CloneBody(Context, primal, derivative, argumentMap);
        FunctionAttributes.CopyFunction(primal, derivative);
        ExceptionalPathLowering.CutExceptionalEdges(Context, derivative);
        CachePoolBypass.Run(Module, derivative);
        ExceptionalPathLowering.ReportThrows(Module, derivative, primal.Name);
        OpenMpReductionLowering.Run(Context, Module, derivative, primal);
        if (OptimiseFirst && PreDifferentiationPipeline.Run(Context, derivative, primal.Name) is { } warning)
        {
            Warnings.Add(warning);
        }
        derivative.RunPasses(PreprocessingPipeline, "preprocessing");
        // After SROA: a Fortran MPI handle passed by reference is a constant now, also without the pre-optimisation.
        FortranMpiHandleFolding.Run(Module, derivative);
        if (AtomicUpdateCanonicalization.Run(Context, derivative))
        {
            derivative.RunPasses(PreprocessingPipeline, "preprocessing");
        }
        primalInstructions?.UnionWith(derivative.Instructions.Select(i => i.Handle));

        bool returnNeedsShadow = signature.Return is ForwardReturn.TangentOnly or ForwardReturn.PrimalAndTangent && primal.ReturnType.IsPointer;
        var analysis = new ForwardActivityAnalysis(derivative, shadowArguments.Select(s => s.Primal), Classifier, Annotations, ShadowGlobals, returnNeedsShadow);
        new ForwardFunctionBuilder(this, derivative, primal, signature, analysis, shadowArguments).Build();
    }

    /// <summary>
    /// The dispatcher for a call through a pointer (<see cref="IndirectCallDispatch"/>): the forward
    /// derivative, with this signature, of each function the pointer may hold. A target the engine
    /// cannot differentiate stops the program when reached; a call no function can reach is ENZ2004.
    /// </summary>
    public LlvmFunction GetOrCreateDispatcher(LlvmInstruction call, LlvmFunction primal, bool[] shadowedParameters, int width, ForwardReturn kind)
    {
        _indirectTargets ??= new IndirectCallTargets(Module);
        IReadOnlyList<LlvmFunction> targets = _indirectTargets.PossibleTargets(call);
        string key = IndirectCallDispatch.Key(targets, $"{string.Concat(shadowedParameters.Select(s => s ? 'd' : 'c'))}|{width}|{kind}");
        if (_dispatchers.TryGetValue(key, out LlvmFunction existing))
        {
            return existing;
        }
        bool anyActivity = shadowedParameters.Any(s => s) || kind == ForwardReturn.PrimalAndTangent;
        var cases = new List<IndirectCallDispatch.DispatchCase>();
        LlvmType? derivativeType = null;
        foreach (LlvmFunction target in targets)
        {
            LlvmFunction body = target.IsDeclaration ? IndirectCallDispatch.WrapDeclaration(Context, Module, target) : target;
            if (target.IsDeclaration && anyActivity && !IndirectCallDispatch.WrappedCallIsDifferentiable(Classifier, body, forward: true))
            {
                cases.Add(new(target, null, IndirectCallDispatch.MissingDerivativeMessage(primal.Name, call, target.Name)));
                continue;
            }
            LlvmFunction derivative = GetOrCreate(new ForwardSignature(body, shadowedParameters, width, kind));
            derivativeType ??= derivative.FunctionType;
            cases.Add(new(target, derivative, null));
        }
        if (derivativeType is not { } type)
        {
            throw Diagnostics.DifferentiationErrors.IndirectCallWithoutTargets(primal, call, targets);
        }
        LlvmFunction dispatcher = IndirectCallDispatch.Build(Context, Module, $"fwddiffe_indirect.{CallTypeName(call)}", type, cases,
            IndirectCallDispatch.UnknownTargetMessage(primal.Name, call, targets));
        _dispatchers.Add(key, dispatcher);
        return dispatcher;
    }

    private static string CallTypeName(LlvmInstruction call) => call.DebugLocation is { } location ? $"line{location.Line}" : "call";

    /// <summary>A global holding one lane of a global's shadow (shared with reverse mode).</summary>
    public LlvmValue ShadowGlobal(LlvmValue global, int lane) => ShadowGlobalTable.Get(global, lane);

    private LlvmFunction Declare(ForwardSignature signature, string? name)
    {
        LlvmFunction primal = signature.Function;
        LlvmType[] primalParameters = primal.FunctionType.ParameterTypes;
        var parameters = new List<LlvmType>();
        for (int i = 0; i < primalParameters.Length; i++)
        {
            parameters.Add(primalParameters[i]);
            if (signature.ShadowedParameters[i])
            {
                parameters.AddRange(Enumerable.Repeat(primalParameters[i], signature.Width));
            }
        }
        LlvmType primalReturn = primal.ReturnType;
        LlvmType shadowReturn = ShadowType(primalReturn, signature.Width);
        LlvmType returnType = signature.Return switch
        {
            ForwardReturn.Void => Context.VoidType,
            ForwardReturn.PrimalOnly => primalReturn,
            ForwardReturn.TangentOnly => shadowReturn,
            _ => Context.StructType([primalReturn, shadowReturn]),
        };
        string prefix = signature.Width > 1 ? $"fwddiffe{signature.Width}" : "fwddiffe";
        LlvmFunction derivative = Module.AddFunction(name ?? $"{prefix}{primal.Name}", LlvmType.Function(returnType, [.. parameters], primal.FunctionType.IsVarArg));
        derivative.Linkage = LLVMLinkage.LLVMInternalLinkage;
        return derivative;
    }

    public static LlvmType ShadowType(LlvmType type, int width) => width == 1 || type.IsVoid ? type : LlvmType.Array(type, (ulong)width);
}
