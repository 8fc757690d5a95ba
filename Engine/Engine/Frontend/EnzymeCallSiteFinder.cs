using Enzyme.Llvm;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// Finds calls to the Enzyme C API. A callee is a request when its name <em>contains</em> an
/// entry-point name, so C++-mangled and typed variants (<c>__enzyme_autodiffDouble</c>,
/// <c>_Z17__enzyme_autodiffPvz</c>) are recognised as Enzyme's own pass does.
/// </summary>
public static class EnzymeCallSiteFinder
{
    /// <summary>Every name a call can contain, most specific first.</summary>
    private static readonly (string Name, EnzymeEntryPoint EntryPoint)[] EntryPointNames =
    [
        ("__enzyme_autodiff", EnzymeEntryPoint.Autodiff),
        ("__enzyme_fwddiff", EnzymeEntryPoint.ForwardDiff),
        ("__enzyme_fwdsplit", EnzymeEntryPoint.ForwardSplit),
        ("__enzyme_augmentfwd", EnzymeEntryPoint.AugmentForward),
        ("__enzyme_augmentsize", EnzymeEntryPoint.AugmentSize),
        ("__enzyme_reverse", EnzymeEntryPoint.Reverse),
        ("__enzyme_ignore_derivatives", EnzymeEntryPoint.IgnoreDerivatives),
        ("__enzyme_float", EnzymeEntryPoint.TypeAnnotation),
        ("__enzyme_double", EnzymeEntryPoint.TypeAnnotation),
        ("__enzyme_integer", EnzymeEntryPoint.TypeAnnotation),
        ("__enzyme_pointer", EnzymeEntryPoint.TypeAnnotation),
        // Enzyme's other entry points: named so that a call is ENZ1001 ("not implemented"), not ENZ1002 ("unknown").
        ("__enzyme_batch", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_todense", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_truncate", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_expand", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_virtualreverse", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_iter", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_sample", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_trace", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_condition", EnzymeEntryPoint.NotImplemented),
        ("__enzyme_likelihood", EnzymeEntryPoint.NotImplemented),
    ];

    private const string ApiPrefix = "__enzyme_";

    public static IReadOnlyList<EnzymeCallSite> Find(LlvmModule module)
    {
        var sites = new List<EnzymeCallSite>();
        foreach (LlvmFunction function in module.Functions)
        {
            if (function.IsDeclaration)
            {
                continue;
            }
            foreach (LlvmInstruction instruction in function.Instructions)
            {
                if (!instruction.IsCall)
                {
                    continue;
                }
                string callee = instruction.CalledValue.Name;
                if (!IsApiCall(callee))
                {
                    continue;
                }
                sites.Add(new EnzymeCallSite(instruction, callee, Classify(callee), function, instruction.DebugLocation));
            }
        }
        return sites;
    }

    /// <summary>Whether a callee name belongs to the Enzyme C API (<c>__enzyme_*</c>, mangled or typed variants included).</summary>
    public static bool IsApiCall(string calleeName) => calleeName.Contains(ApiPrefix, StringComparison.Ordinal);

    public static EnzymeEntryPoint Classify(string calleeName)
    {
        foreach ((string name, EnzymeEntryPoint entryPoint) in EntryPointNames)
        {
            if (calleeName.Contains(name, StringComparison.Ordinal))
            {
                return entryPoint;
            }
        }
        return EnzymeEntryPoint.Unknown;
    }
}
