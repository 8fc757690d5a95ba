namespace Enzyme.Engine.Analysis;

/// <summary>
/// A natural loop in loop-simplify form: one header, one preheader outside the loop, one latch
/// (the source of the only back edge), and exit blocks whose predecessors all lie inside.
/// Block numbers are <see cref="ControlFlowGraph"/> indices.
/// </summary>
public sealed class NaturalLoop(int id, int header, int latch, int preheader, IReadOnlySet<int> blocks)
{
    public int Id { get; } = id;
    public int Header { get; } = header;
    public int Latch { get; } = latch;
    public int Preheader { get; } = preheader;
    public IReadOnlySet<int> Blocks { get; } = blocks;
    public NaturalLoop? Parent { get; internal set; }
    public int Depth => Parent is null ? 1 : Parent.Depth + 1;

    public bool Contains(int block) => Blocks.Contains(block);

    /// <summary>This loop and its ancestors, innermost first.</summary>
    public IEnumerable<NaturalLoop> SelfAndAncestors()
    {
        for (NaturalLoop? loop = this; loop is not null; loop = loop.Parent)
        {
            yield return loop;
        }
    }
}
