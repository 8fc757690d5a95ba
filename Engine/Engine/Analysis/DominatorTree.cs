namespace Enzyme.Engine.Analysis;

/// <summary>
/// Immediate dominators by the Cooper–Harvey–Kennedy iterative algorithm over reverse
/// post-order numbers ("A Simple, Fast Dominance Algorithm", 2001).
/// </summary>
public sealed class DominatorTree
{
    private readonly int[] _idom;

    public DominatorTree(ControlFlowGraph cfg)
    {
        int n = cfg.Blocks.Count;
        _idom = new int[n];
        Array.Fill(_idom, -1);
        _idom[0] = 0;
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int b = 1; b < n; b++)
            {
                int newIdom = -1;
                foreach (int p in cfg.Predecessors[b])
                {
                    if (_idom[p] == -1)
                    {
                        continue;
                    }
                    newIdom = newIdom == -1 ? p : Intersect(p, newIdom);
                }
                if (newIdom != _idom[b])
                {
                    _idom[b] = newIdom;
                    changed = true;
                }
            }
        }
    }

    /// <summary>Immediate dominator of block <paramref name="block"/> (the entry is its own).</summary>
    public int ImmediateDominator(int block) => _idom[block];

    /// <summary>True when every path from the entry to <paramref name="b"/> passes through <paramref name="a"/>.</summary>
    public bool Dominates(int a, int b)
    {
        while (true)
        {
            if (a == b)
            {
                return true;
            }
            if (b == 0)
            {
                return false;
            }
            b = _idom[b];
        }
    }

    private int Intersect(int a, int b)
    {
        while (a != b)
        {
            while (a > b)
            {
                a = _idom[a];
            }
            while (b > a)
            {
                b = _idom[b];
            }
        }
        return a;
    }
}
