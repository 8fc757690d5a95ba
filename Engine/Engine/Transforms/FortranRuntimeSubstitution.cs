using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Makes flang's array-intrinsic and assignment runtime calls differentiable: in every function
/// a derivative may be built from (those reachable through direct calls from a function an
/// Enzyme request names), a call to a runtime entry point that
/// <see cref="FortranRuntimeDefinitions"/> defines is redirected to that IR definition and
/// inlined, so both modes differentiate plain loops over the descriptors. Functions no request
/// reaches keep calling the runtime.
/// <para>
/// A definition calls the real runtime for the cases it does not cover; for the reductions these
/// are decided by call arguments (DIM, MASK) and fold at once. An assignment is covered when both
/// descriptors hold real elements, which lives in memory: flang at -O0 copies each descriptor
/// into a temporary and hands it to the runtime, and the escaping temporaries defeat LLVM's load
/// forwarding (and the copies defeat GVN). So the types are proven on a throwaway copy of the
/// module in which every runtime call is replaced by a probe of the types: nothing escapes there,
/// and SROA and GVN fold each probe to a constant. That program runs exactly like the real one up
/// to the first uncovered assignment (covered operations never write a descriptor's type or element
/// length), so if every probe of a call folds to true, no execution reaches its fallback, and the
/// call is redirected to the assignment without the check. Calls not proven keep the checked
/// definition; the engine reports their fallback (ENZ2009) if active data reaches it.
/// </para>
/// </summary>
public static class FortranRuntimeSubstitution
{
    private const string AssignName = "_FortranAAssign";
    private const string ProbeName = FortranRuntimeDefinitions.Prefix + "probe";
    private const string OpaqueResultName = FortranRuntimeDefinitions.Prefix + "opaque_";

    // Declarations that only exist in the throwaway module: they touch no memory the program can
    // see, so replacing a runtime call by them lets the descriptors stay local.
    // The anchor only makes the IR linker bring the declarations along (it moves what is used).
    private const string ProbeDeclarations = $$"""
        declare void @{{ProbeName}}(i32, i1) #0
        declare double @{{OpaqueResultName}}double() #0
        declare float @{{OpaqueResultName}}float() #0
        define void @{{FortranRuntimeDefinitions.Prefix}}probe_anchor() {
          call void @{{ProbeName}}(i32 -1, i1 false)
          %d = call double @{{OpaqueResultName}}double()
          %f = call float @{{OpaqueResultName}}float()
          ret void
        }
        attributes #0 = { nounwind willreturn memory(inaccessiblemem: readwrite) }
        """;

    /// <summary>
    /// Run on each function that received definitions: forwards the descriptor fields the caller stored,
    /// folds the checks, fully unrolls the loops over the few dimensions, and lets SROA dissolve the
    /// descriptors that no longer escape.
    /// </summary>
    public const string CleanupPipeline =
        "sroa,gvn,instcombine<no-verify-fixpoint>,simplifycfg,loop(loop-unroll-full),sroa,gvn,instcombine<no-verify-fixpoint>,simplifycfg";

    /// <summary>Redirects and inlines the calls; returns how many were redirected.</summary>
    public static int Run(LlvmModule module)
    {
        List<LlvmInstruction> calls = RuntimeCallsInReachableFunctions(module);
        if (calls.Count == 0)
        {
            return 0;
        }
        HashSet<int> provenReal = AssignmentsProvenReal(module, calls);
        EnsureDefinitions(module);

        LlvmAttribute alwaysInline = AlwaysInlineAttribute(module.Context);
        var callers = new HashSet<LlvmFunction>();
        int redirected = 0;
        for (int i = 0; i < calls.Count; i++)
        {
            LlvmInstruction call = calls[i];
            string name = call.CalledValue.Name;
            LlvmFunction definition = module.GetFunction(provenReal.Contains(i)
                ? FortranRuntimeDefinitions.AssignRealName
                : FortranRuntimeDefinitions.DefinitionName(name))!.Value;
            // A runtime declared with another signature (another flang version) is left alone:
            // the engine then reports the call if active data reaches it.
            if (call.CalledFunctionType != definition.FunctionType)
            {
                continue;
            }
            LlvmValue instruction = call.Value;
            instruction.SetOperand(instruction.OperandCount - 1, definition);
            call.AddCallSiteAttribute(LlvmAttributeIndex.Function, alwaysInline);
            callers.Add(call.Function);
            redirected++;
        }
        if (redirected == 0)
        {
            return 0;
        }
        InlineAndCleanUp(module, callers);
        return redirected;
    }

    /// <summary>
    /// The indices (into <paramref name="calls"/>) of the assignments whose descriptors provably hold real
    /// elements of one kind, decided on a copy of the module (see the class remarks).
    /// </summary>
    private static HashSet<int> AssignmentsProvenReal(LlvmModule module, List<LlvmInstruction> calls)
    {
        var proven = new HashSet<int>();
        if (!calls.Any(c => c.CalledValue.Name == AssignName))
        {
            return proven;
        }
        using LlvmModule copy = module.Clone();
        List<LlvmInstruction> copiedCalls = RuntimeCallsInReachableFunctions(copy);
        // The copy is enumerated in the same order; anything else means the mapping cannot be trusted.
        if (copiedCalls.Count != calls.Count || copiedCalls.Where((c, i) => c.CalledValue.Name != calls[i].CalledValue.Name).Any())
        {
            return proven;
        }
        EnsureDefinitions(copy);
        copy.Link(copy.Context.ParseText(ProbeDeclarations, "enzyme-sdk-fortran-probes.ll"));
        LlvmFunction assignsReal = copy.GetFunction(FortranRuntimeDefinitions.AssignsRealName)!.Value;
        LlvmFunction probe = copy.GetFunction(ProbeName)!.Value;
        var callers = new HashSet<LlvmFunction>();
        using (var builder = new LlvmBuilder(copy.Context))
        {
            for (int i = 0; i < copiedCalls.Count; i++)
            {
                LlvmInstruction call = copiedCalls[i];
                callers.Add(call.Function);
                builder.PositionBefore(call);
                if (call.CalledValue.Name == AssignName && call.ArgumentCount == 4)
                {
                    LlvmValue real = builder.Call(assignsReal.FunctionType, assignsReal, [call.GetArgument(0), call.GetArgument(1)]);
                    builder.Call(probe.FunctionType, probe, [LlvmValue.ConstInt(copy.Context.Int32Type, i), real]);
                }
                else if (!call.Type.IsVoid)
                {
                    if (copy.GetFunction(OpaqueResultName + call.Type) is not { } opaque)
                    {
                        return proven;
                    }
                    call.Value.ReplaceAllUsesWith(builder.Call(opaque.FunctionType, opaque, []));
                }
                call.EraseFromParent();
            }
        }
        InlineAndCleanUp(copy, callers);

        var outcome = new Dictionary<long, bool>();
        foreach (LlvmFunction function in copy.Functions.Where(f => !f.IsDeclaration))
        {
            foreach (LlvmInstruction instruction in function.Instructions)
            {
                if (instruction.IsCall && instruction.CalledValue == probe
                    && instruction.GetArgument(0).ConstantIntValue is { } id)
                {
                    bool folded = instruction.GetArgument(1).ConstantIntValue is { } value && value != 0;
                    outcome[id] = folded && outcome.GetValueOrDefault(id, true);
                }
            }
        }
        foreach ((long id, bool real) in outcome)
        {
            if (real)
            {
                proven.Add((int)id);
            }
        }
        return proven;
    }

    private static void InlineAndCleanUp(LlvmModule module, HashSet<LlvmFunction> callers)
    {
        // inferattrs gives flang's bare malloc/free declarations their library attributes (a fresh
        // malloc aliases nothing), without which no store to a descriptor is forwarded past one.
        module.RunPasses("inferattrs,always-inline");
        foreach (LlvmFunction caller in callers)
        {
            caller.RunPasses(CleanupPipeline, "Fortran runtime cleanup");
        }
    }

    private static List<LlvmInstruction> RuntimeCallsInReachableFunctions(LlvmModule module)
    {
        var reachable = new HashSet<LlvmFunction>();
        var pending = new Stack<LlvmFunction>();
        foreach (EnzymeCallSite site in EnzymeCallSiteFinder.Find(module))
        {
            // Argument 0 is the function to differentiate (argument 1 after a split-mode marker).
            for (int i = 0; i < Math.Min(2, site.Call.ArgumentCount); i++)
            {
                if (site.Call.GetArgument(i).AsFunction() is { IsDeclaration: false } target && reachable.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        var calls = new List<LlvmInstruction>();
        while (pending.Count > 0)
        {
            LlvmFunction function = pending.Pop();
            foreach (LlvmInstruction instruction in function.Instructions)
            {
                if (!instruction.IsCall || instruction.CalledValue.AsFunction() is not { } callee)
                {
                    continue;
                }
                if (!callee.IsDeclaration)
                {
                    if (reachable.Add(callee))
                    {
                        pending.Push(callee);
                    }
                }
                else if (FortranRuntimeDefinitions.SupportedNames.Contains(callee.Name))
                {
                    calls.Add(instruction);
                }
            }
        }
        return calls;
    }

    /// <summary>Links the definitions once, internal so that they never clash with or leak into user code.</summary>
    private static void EnsureDefinitions(LlvmModule module)
    {
        if (module.GetFunction(FortranRuntimeDefinitions.AssignRealName) is { IsDeclaration: false })
        {
            return;
        }
        LlvmModule definitions = module.Context.ParseText(FortranRuntimeDefinitions.Module, "enzyme-sdk-fortran-runtime.ll");
        definitions.TargetTriple = module.TargetTriple;
        definitions.DataLayout = module.DataLayout;
        module.Link(definitions);
        foreach (LlvmFunction function in module.Functions)
        {
            if (!function.IsDeclaration && function.Name.StartsWith(FortranRuntimeDefinitions.Prefix, StringComparison.Ordinal))
            {
                function.Linkage = LLVMLinkage.LLVMInternalLinkage;
            }
        }
    }

    private static LlvmAttribute AlwaysInlineAttribute(LlvmContext context) => FunctionAttributes.Create(context, "alwaysinline");
}
