using Enzyme.Engine.Analysis;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Input from plain <c>clang -O2</c> (or rustc, flang -O2) arrives with loops LoopVectorize has
/// already rewritten: a check picks either the vector loop, followed by a scalar remainder loop for
/// the last iterations, or the scalar loop alone, which then runs every iteration. Differentiating
/// the vector loop makes the reverse sweep cache whole vectors, differentiate the shuffles and
/// reductions, and keep both loops' tapes (GMM d10 K25: 13x the objective against 2x from the same
/// code unvectorised). The scalar loop computes the same values, so this makes each check that
/// chooses the vector loop choose the scalar path instead, and simplifycfg removes the vector loop.
/// The scalar loop loses its <c>!llvm.loop</c> marks when they say <c>isvectorized</c> (that would
/// keep the requested -O pipeline from vectorising the derivative). Runs on the clone only; the program's function
/// keeps its vector loop.
/// </summary>
public static class VectorisedLoopScalarisation
{
    /// <summary>How far a check may be from the loop it guards: blocks ending in an unconditional branch in between.</summary>
    private const int MaximumForwardingBlocks = 4;

    /// <summary>How many blocks the search for the remainder loop looks at (its unrolling prologue, the loop, its exits).</summary>
    private const int MaximumRemainderBlocks = 24;

    /// <summary>How many times checks are redirected and the dead vector loops removed: LoopVectorize's epilogue
    /// vectorisation (-O3) nests a second vector loop in the first one's scalar path.</summary>
    private const int MaximumRounds = 4;

    /// <summary>Redirects the checks of every vectorised loop with a recognisable scalar path; returns how many
    /// vectorised loops were removed, and how many had none (they are differentiated as they are).</summary>
    public static Result Run(LlvmContext context, LlvmFunction function)
    {
        uint loopKind = context.MetadataKindId("llvm.loop");
        int scalarised = 0;
        for (int round = 0; round < MaximumRounds; round++)
        {
            var cfg = new ControlFlowGraph(function);
            var loops = new LoopInfo(cfg, new DominatorTree(cfg));
            int redirected = loops.Loops.Where(l => IsVectorBody(cfg, l, loopKind)).Count(l => RedirectChecks(context, cfg, loops, l));
            if (redirected == 0)
            {
                break;
            }
            scalarised += redirected;
            // Folds the constant branches and deletes the vector loops no path reaches any more.
            function.RunPasses("simplifycfg", "removing vectorised loops");
        }
        var final = new ControlFlowGraph(function);
        var finalLoops = new LoopInfo(final, new DominatorTree(final));
        int kept = finalLoops.Loops.Count(l => IsVectorBody(final, l, loopKind));
        if (scalarised > 0)
        {
            // The scalar loops keep LoopVectorize's mark, which would stop the requested -O pipeline from
            // vectorising them in the derivative.
            foreach (NaturalLoop loop in finalLoops.Loops.Where(l => !HasVectorValues(final, l)))
            {
                foreach (int block in loop.Blocks.Where(b => final.Successors[b].Contains(loop.Header) && IsMarkedVectorised(final.Blocks[b], loopKind)))
                {
                    final.Blocks[block].Terminator!.Value.Value.RemoveMetadata(loopKind);
                }
            }
        }
        return new Result(scalarised, kept);
    }

    /// <summary>Counts of vectorised loops whose iterations now all run in the scalar loop, and of those left as they were.</summary>
    public readonly record struct Result(int Scalarised, int Kept);

    /// <summary>A loop whose back edge carries LoopVectorize's mark and whose body computes on vectors
    /// (the scalar remainder carries the mark too).</summary>
    private static bool IsVectorBody(ControlFlowGraph cfg, NaturalLoop loop, uint loopKind) =>
        loop.Blocks.Any(b => cfg.Successors[b].Contains(loop.Header) && IsMarkedVectorised(cfg.Blocks[b], loopKind))
        && HasVectorValues(cfg, loop);

    private static bool HasVectorValues(ControlFlowGraph cfg, NaturalLoop loop) =>
        loop.Blocks.SelectMany(b => cfg.Blocks[b].Instructions).Any(i => i.Type.Kind == LLVMTypeKind.LLVMVectorTypeKind);

    private static bool IsMarkedVectorised(LlvmBasicBlock block, uint loopKind) =>
        block.Terminator is { } terminator && terminator.MetadataPropertyNames(loopKind).Contains("llvm.loop.isvectorized");

    /// <summary>
    /// Finds the scalar path of <paramref name="vectorLoop"/> (see <see cref="ScalarRegion"/>) and makes every check
    /// that chooses between the vector loop and a block of that path choose the path:
    /// <c>br i1 %min.iters.check, %scalar.ph, %vector.ph</c> becomes <c>br i1 true, %scalar.ph, %vector.ph</c>.
    /// </summary>
    private static bool RedirectChecks(LlvmContext context, ControlFlowGraph cfg, LoopInfo loops, NaturalLoop vectorLoop)
    {
        // The vector loop leaves through one block (LoopVectorize's middle block), which goes on to the exit
        // and to the scalar path.
        var exits = vectorLoop.Blocks.SelectMany(b => cfg.Successors[b]).Where(s => !vectorLoop.Contains(s)).Distinct().ToList();
        if (exits.Count != 1)
        {
            return false;
        }
        int middle = exits[0];
        IReadOnlyList<int> afterMiddle = cfg.Successors[middle];
        if (afterMiddle.Count != 2)
        {
            return false;
        }
        foreach (int scalarEntry in afterMiddle)
        {
            int exit = afterMiddle[0] == scalarEntry ? afterMiddle[1] : afterMiddle[0];
            if (ScalarRegion(cfg, loops, scalarEntry, exit, vectorLoop) is not { } region)
            {
                continue;
            }
            bool redirected = false;
            for (int check = 0; check < cfg.Blocks.Count; check++)
            {
                if (check == middle || vectorLoop.Contains(check) || cfg.Blocks[check].Terminator is not { IsConditionalBranch: true } branch)
                {
                    continue;
                }
                int first = cfg.IndexOf(branch.GetSuccessor(0)), second = cfg.IndexOf(branch.GetSuccessor(1));
                int? toScalar = region.Contains(first) && !region.Contains(second) && ForwardsTo(cfg, second, vectorLoop.Header) ? 0
                    : region.Contains(second) && !region.Contains(first) && ForwardsTo(cfg, first, vectorLoop.Header) ? 1
                    : null;
                if (toScalar is { } side)
                {
                    branch.SetCondition(LlvmValue.ConstInt(context.Int1Type, side == 0 ? 1 : 0));
                    redirected = true;
                }
            }
            if (redirected)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The blocks of the scalar path entered at <paramref name="entry"/>, when it is one: the blocks from there
    /// (never re-entering the vector loop, never going round a loop that contains it) hold a loop and lead on to
    /// <paramref name="exit"/>, the middle block's other successor. A remainder LoopUnroll unrolled at run time is
    /// a prologue loop for the odd iterations and the unrolled loop; with epilogue vectorisation (-O3) the path
    /// holds a second, narrower vector loop, removed in the next round. The exit block itself does not qualify:
    /// what follows a loop does not lead back to that loop's exit.
    /// </summary>
    private static HashSet<int>? ScalarRegion(ControlFlowGraph cfg, LoopInfo loops, int entry, int exit, NaturalLoop vectorLoop)
    {
        var seen = new HashSet<int> { entry };
        var pending = new Queue<int>([entry]);
        bool holdsLoop = false, reachesExit = false;
        while (pending.Count > 0)
        {
            int block = pending.Dequeue();
            if (loops.InnermostLoop(block) is { } loop && loop.Header == block && !loop.Contains(vectorLoop.Header))
            {
                holdsLoop = true;
            }
            foreach (int next in cfg.Successors[block])
            {
                if (next == exit)
                {
                    reachesExit = true;
                    continue;
                }
                bool aroundEnclosingLoop = loops.LoopsContaining(vectorLoop.Header).Any(l => l.Header == next);
                if (vectorLoop.Contains(next) || aroundEnclosingLoop || seen.Count >= MaximumRemainderBlocks || !seen.Add(next))
                {
                    continue;
                }
                pending.Enqueue(next);
            }
        }
        return reachesExit && holdsLoop ? seen : null;
    }

    /// <summary>Whether <paramref name="from"/> is <paramref name="target"/> or reaches it through blocks that only branch on.</summary>
    private static bool ForwardsTo(ControlFlowGraph cfg, int from, int target)
    {
        int block = from;
        for (int step = 0; step <= MaximumForwardingBlocks; step++)
        {
            if (block == target)
            {
                return true;
            }
            if (cfg.Successors[block].Count != 1)
            {
                return false;
            }
            block = cfg.Successors[block][0];
        }
        return false;
    }
}
