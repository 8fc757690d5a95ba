using Enzyme.Llvm;

namespace Enzyme.Engine.Analysis;

/// <summary>Blocks in reverse post-order of a depth-first walk from the entry: every block after its dominators.</summary>
public static class ReversePostOrder
{
    public static IReadOnlyList<LlvmBasicBlock> Compute(LlvmFunction function)
    {
        var order = new List<LlvmBasicBlock>();
        var visited = new HashSet<LlvmBasicBlock>();
        // Iterative DFS: (block, next successor index).
        var stack = new Stack<(LlvmBasicBlock Block, int Next)>();
        LlvmBasicBlock entry = function.EntryBlock;
        visited.Add(entry);
        stack.Push((entry, 0));
        while (stack.Count > 0)
        {
            (LlvmBasicBlock block, int next) = stack.Pop();
            LlvmInstruction? terminator = block.Terminator;
            int successors = terminator?.SuccessorCount ?? 0;
            if (next < successors)
            {
                stack.Push((block, next + 1));
                LlvmBasicBlock successor = terminator!.Value.GetSuccessor(next);
                if (visited.Add(successor))
                {
                    stack.Push((successor, 0));
                }
                continue;
            }
            order.Add(block);
        }
        order.Reverse();
        return order;
    }
}
