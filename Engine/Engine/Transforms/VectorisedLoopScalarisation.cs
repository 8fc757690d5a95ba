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
/// The scalar loop loses its <c>!llvm.loop</c> marks (<c>isvectorized</c> would keep the requested
/// -O pipeline from vectorising the derivative). Runs on the clone only; the program's function
/// keeps its vector loop.
/// </summary>
public static class VectorisedLoopScalarisation
{
    /// <summary>How far a check may be from the loop it guards: blocks ending in an unconditional branch in between.</summary>
    private const int MaximumForwardingBlocks = 4;

    /// <summary>How many blocks may precede the remainder loop's header (its own unrolling prologue).</summary>
    private const int MaximumRemainderPrologueBlocks = 8;

    /// <summary>Redirects the checks of every vectorised loop with a recognisable scalar path; returns how many
    /// vectorised loops had none (they are differentiated as they are).</summary>
    public static Result Run(LlvmContext context, LlvmFunction function)
    {
        uint loopKind = context.MetadataKindId("llvm.loop");
        var cfg = new ControlFlowGraph(function);
        var loops = new LoopInfo(cfg, new DominatorTree(cfg));
        int scalarised = 0, kept = 0;
        foreach (NaturalLoop loop in loops.Loops.Where(l => IsVectorBody(cfg, l, loopKind)))
        {
            if (RedirectChecks(context, cfg, loops, loop, loopKind))
            {
                scalarised++;
            }
            else
            {
                kept++;
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
        && loop.Blocks.SelectMany(b => cfg.Blocks[b].Instructions).Any(i => i.Type.Kind == LLVMTypeKind.LLVMVectorTypeKind);

    private static bool IsMarkedVectorised(LlvmBasicBlock block, uint loopKind) =>
        block.Terminator is { } terminator && terminator.MetadataPropertyNames(loopKind).Contains("llvm.loop.isvectorized");

    private static bool RedirectChecks(LlvmContext context, ControlFlowGraph cfg, LoopInfo loops, NaturalLoop vectorLoop, uint loopKind)
    {
        // The vector loop leaves through one block (LoopVectorize's middle block), which goes on to the exit
        // and to the scalar loop's entry.
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
            if (ScalarLoopFrom(cfg, loops, scalarEntry, exit, vectorLoop) is not { } scalarLoop)
            {
                continue;
            }
            bool redirected = false;
            foreach (int check in cfg.Predecessors[scalarEntry].Where(p => p != middle && !vectorLoop.Contains(p)))
            {
                LlvmInstruction branch = cfg.Blocks[check].Terminator!.Value;
                if (!branch.IsConditionalBranch)
                {
                    continue;
                }
                int toScalar = cfg.IndexOf(branch.GetSuccessor(0)) == scalarEntry ? 0 : 1;
                int other = cfg.IndexOf(branch.GetSuccessor(1 - toScalar));
                if (other == scalarEntry || !ForwardsTo(cfg, other, vectorLoop.Header))
                {
                    continue;
                }
                // br i1 %min.iters.check, %scalar.ph, %vector.ph  ->  br i1 true, %scalar.ph, %vector.ph
                branch.SetCondition(LlvmValue.ConstInt(context.Int1Type, toScalar == 0 ? 1 : 0));
                redirected = true;
            }
            if (redirected)
            {
                foreach (int block in scalarLoop.Blocks)
                {
                    if (cfg.Blocks[block].Terminator is { } terminator && terminator.MetadataPropertyNames(loopKind).Count > 0)
                    {
                        terminator.Value.RemoveMetadata(loopKind);
                    }
                }
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The remainder loop entered from <paramref name="entry"/>: the first loop header reached from it within a few
    /// blocks (a remainder that was itself runtime-unrolled starts with a prologue for the odd iterations),
    /// recognised by leaving towards <paramref name="exit"/> as the vector loop's middle block does. An exit block
    /// followed by an unrelated loop does not qualify: that loop does not lead back to the exit.
    /// </summary>
    private static NaturalLoop? ScalarLoopFrom(ControlFlowGraph cfg, LoopInfo loops, int entry, int exit, NaturalLoop vectorLoop)
    {
        var seen = new HashSet<int> { entry };
        var pending = new Queue<int>([entry]);
        while (pending.Count > 0 && seen.Count <= MaximumRemainderPrologueBlocks)
        {
            int block = pending.Dequeue();
            NaturalLoop? loop = loops.InnermostLoop(block);
            if (loop is not null && loop.Header == block && loop != vectorLoop && !loop.Blocks.Contains(vectorLoop.Header))
            {
                bool leavesToExit = loop.Blocks.SelectMany(b => cfg.Successors[b]).Where(s => !loop.Contains(s))
                    .Any(s => ForwardsTo(cfg, s, exit));
                return leavesToExit ? loop : null;
            }
            foreach (int next in cfg.Successors[block])
            {
                if (next != exit && !vectorLoop.Contains(next) && seen.Add(next))
                {
                    pending.Enqueue(next);
                }
            }
        }
        return null;
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
