using Enzyme.Llvm;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// The optimisation every clone gets after its callees are inlined and before it is
/// differentiated, whatever state the input was in (clang -O0, -O2 with LLVM's passes disabled,
/// flang, rustc, the SDK's own -O2). Reverse mode is cheapest on code in the shape LLVM's -O2
/// simplification pipeline leaves it: scalars in registers (SROA), redundant loads and
/// recomputations merged (GVN, early CSE), loop invariants hoisted out of loops (LICM: each value
/// hoisted is one the reverse sweep neither caches per iteration nor recomputes), loops rotated
/// into do-while form with a computable trip count (indvars), so caches are sized once before the
/// loop. This is the function part of that pipeline (the inlining is the engine's own, see
/// <c>ReverseModeGenerator.InlineUserCalls</c>), in the order LLVM 22's <c>default&lt;O2&gt;</c>
/// runs it, without vectorisation and without runtime or partial unrolling: a vector loop with a
/// scalar remainder makes the reverse sweep cache twice and differentiate shuffles, and unrolled
/// bodies multiply the cached values. Full unrolling of loops with a small constant trip count stays,
/// as in the SDK's front-end flags. The requested <c>-O</c> pipeline runs on the whole module after
/// differentiation, so the derivative is vectorised and unrolled then.
/// Only the clone is optimised: the program's own function (optnone at clang -O0) is left as it is.
/// </summary>
public static class PreDifferentiationPipeline
{
    private const string SimplifyCfgKeepingLoops =
        "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;switch-range-to-icmp;no-switch-to-lookup;keep-loops;no-hoist-common-insts;no-sink-common-insts;speculate-blocks;simplify-cond-branch>";

    private const string InstCombine = "instcombine<max-iterations=1;no-verify-fixpoint>";

    /// <summary>LLVM 22's per-function simplification pipeline (as run after inlining at -O2), then the loop
    /// canonicalisation of its optimisation pipeline that precedes vectorisation.</summary>
    public static readonly string Passes = string.Join(",",
        "lower-expect", SimplifyCfgKeepingLoops, "sroa<modify-cfg>", "early-cse<>", InstCombine,
        "sroa<modify-cfg>", "early-cse<memssa>", "jump-threading", "correlated-propagation", SimplifyCfgKeepingLoops,
        InstCombine, "aggressive-instcombine", SimplifyCfgKeepingLoops, "reassociate", "constraint-elimination",
        "loop-mssa(loop-instsimplify,loop-simplifycfg,licm<no-allowspeculation>,loop-rotate<header-duplication;no-prepare-for-lto>,licm<allowspeculation>,simple-loop-unswitch<no-nontrivial;trivial>)",
        SimplifyCfgKeepingLoops, InstCombine,
        "loop(loop-idiom,indvars,loop-deletion,loop-unroll-full)",
        "sroa<modify-cfg>", "mldst-motion<no-split-footer-bb>", "gvn<>", "sccp", "bdce", InstCombine,
        "jump-threading", "correlated-propagation", "adce", "memcpyopt", "dse",
        "loop-mssa(licm<allowspeculation>)", SimplifyCfgKeepingLoops, InstCombine,
        "float2int", "loop(loop-rotate<header-duplication;no-prepare-for-lto>,loop-deletion)",
        "infer-alignment", InstCombine, "sroa<preserve-cfg>", "loop-mssa(licm<allowspeculation>)",
        "instsimplify", SimplifyCfgKeepingLoops);

    /// <summary>
    /// Sends vectorised loops through their scalar remainders, then optimises. Returns a warning line when
    /// vector loops are left (they differentiate correctly, but the gradient is several times slower).
    /// </summary>
    public static string? Run(LlvmContext context, LlvmFunction clone, string primalName)
    {
        VectorisedLoopScalarisation.Result loops = VectorisedLoopScalarisation.Run(context, clone);
        clone.RunPasses(Passes, "optimising before differentiation");
        return loops.Kept == 0 ? null
            : $"warning {Diagnostics.DiagnosticCodes.VectorisedInput}: '{primalName}' has {loops.Kept} loop(s) vectorised by the front end that are differentiated as vector code, which makes the derivative slower; " +
              "compile the source with -fno-vectorize -fno-slp-vectorize (or -O2 -Xclang -disable-llvm-passes) and let enzyme-ad vectorise after differentiating";
    }
}
