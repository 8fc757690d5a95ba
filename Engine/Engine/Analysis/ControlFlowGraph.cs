using Enzyme.Llvm;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// The blocks of a function reachable from its entry, numbered in reverse post-order, with
/// predecessor and successor lists (duplicates from switch cases removed).
/// </summary>
public sealed class ControlFlowGraph
{
    private readonly Dictionary<LlvmBasicBlock, int> _index = [];

    public ControlFlowGraph(LlvmFunction function)
    {
        Blocks = ReversePostOrder.Compute(function);
        for (int i = 0; i < Blocks.Count; i++)
        {
            _index[Blocks[i]] = i;
        }
        var successors = new List<int>[Blocks.Count];
        var predecessors = new List<int>[Blocks.Count];
        for (int i = 0; i < Blocks.Count; i++)
        {
            successors[i] = [];
            predecessors[i] = [];
        }
        Successors = successors;
        Predecessors = predecessors;
        for (int i = 0; i < Blocks.Count; i++)
        {
            foreach (LlvmBasicBlock successor in Blocks[i].Successors)
            {
                int s = _index[successor];
                if (!successors[i].Contains(s))
                {
                    successors[i].Add(s);
                    predecessors[s].Add(i);
                }
            }
        }
    }

    /// <summary>Reachable blocks in reverse post-order; index 0 is the entry.</summary>
    public IReadOnlyList<LlvmBasicBlock> Blocks { get; }
    public IReadOnlyList<int>[] Successors { get; }
    public IReadOnlyList<int>[] Predecessors { get; }

    public int IndexOf(LlvmBasicBlock block) => _index[block];
    public bool Contains(LlvmBasicBlock block) => _index.ContainsKey(block);
}
