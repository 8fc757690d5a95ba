namespace Enzyme.Engine.Analysis;

/// <summary>
/// The loop nest: natural loops from back edges (edges to a dominator), nested by block-set
/// inclusion. Requires loop-simplify form; a loop without a preheader or with several latches,
/// or a retreating edge to a non-dominator (irreducible flow), is reported as unsupported.
/// </summary>
public sealed class LoopInfo
{
    private readonly NaturalLoop?[] _innermost;

    public LoopInfo(ControlFlowGraph cfg, DominatorTree dominators)
    {
        int n = cfg.Blocks.Count;
        var loops = new List<NaturalLoop>();
        var latches = new Dictionary<int, List<int>>();
        for (int b = 0; b < n; b++)
        {
            foreach (int s in cfg.Successors[b])
            {
                if (s <= b)
                {
                    if (!dominators.Dominates(s, b))
                    {
                        IrreducibleEdge = (b, s);
                        _innermost = new NaturalLoop?[n];
                        Loops = [];
                        return;
                    }
                    if (!latches.TryGetValue(s, out List<int>? list))
                    {
                        latches[s] = list = [];
                    }
                    list.Add(b);
                }
            }
        }
        foreach ((int header, List<int> headerLatches) in latches.OrderBy(p => p.Key))
        {
            var blocks = new HashSet<int> { header };
            var work = new Stack<int>(headerLatches);
            while (work.Count > 0)
            {
                int b = work.Pop();
                if (blocks.Add(b))
                {
                    foreach (int p in cfg.Predecessors[b])
                    {
                        work.Push(p);
                    }
                }
            }
            var outside = cfg.Predecessors[header].Where(p => !blocks.Contains(p)).ToList();
            if (headerLatches.Count != 1 || outside.Count != 1 || cfg.Successors[outside[0]].Count != 1)
            {
                NotSimplified = header;
            }
            loops.Add(new NaturalLoop(loops.Count, header, headerLatches[0], outside.Count > 0 ? outside[0] : -1, blocks));
        }
        // Parents: the smallest other loop containing the header.
        foreach (NaturalLoop loop in loops)
        {
            loop.Parent = loops.Where(o => o != loop && o.Blocks.Contains(loop.Header) && o.Blocks.Count > loop.Blocks.Count)
                .OrderBy(o => o.Blocks.Count).FirstOrDefault();
        }
        _innermost = new NaturalLoop?[n];
        foreach (NaturalLoop loop in loops.OrderByDescending(l => l.Blocks.Count))
        {
            foreach (int b in loop.Blocks)
            {
                _innermost[b] = loop;
            }
        }
        Loops = loops;
    }

    public IReadOnlyList<NaturalLoop> Loops { get; }

    /// <summary>A retreating edge whose target does not dominate its source, when there is one.</summary>
    public (int From, int To)? IrreducibleEdge { get; }

    /// <summary>Header of a loop that is not in loop-simplify form, when there is one.</summary>
    public int? NotSimplified { get; }

    public NaturalLoop? InnermostLoop(int block) => _innermost[block];

    /// <summary>Loops containing <paramref name="block"/>, innermost first.</summary>
    public IEnumerable<NaturalLoop> LoopsContaining(int block) => _innermost[block]?.SelfAndAncestors() ?? [];
}
