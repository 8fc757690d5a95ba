namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>What a statement or expression may refer to at one point of a generated function.</summary>
internal sealed class FuzzScope
{
    public List<FuzzScalar> Scalars { get; private init; } = [];
    public List<FuzzIndexVariable> Indices { get; private init; } = [];
    public List<FuzzArray> Arrays { get; private init; } = [];

    /// <summary>Number of enclosing loops (for and while).</summary>
    public int LoopDepth { get; private init; }

    /// <summary>Directly inside a for loop body (possibly within ifs), where break/continue are allowed.</summary>
    public bool InForLoop { get; private init; }

    /// <summary>Statement nesting (blocks), to bound the program's shape.</summary>
    public int Nesting { get; private init; }

    /// <summary>A block nested in this one; <paramref name="loop"/>: the block is a loop body.</summary>
    public FuzzScope Child(bool loop = false, bool forLoop = false) => new()
    {
        Scalars = [.. Scalars],
        Indices = [.. Indices],
        Arrays = [.. Arrays],
        LoopDepth = LoopDepth + (loop ? 1 : 0),
        InForLoop = forLoop || (InForLoop && !loop),
        Nesting = Nesting + 1,
    };

    /// <summary>An assignment to <paramref name="scalar"/> here runs once per iteration of a loop it is not local to.</summary>
    public bool IsLoopCarried(FuzzScalar scalar) => scalar.LoopDepth < LoopDepth;

    public bool IsLoopCarried(FuzzArray array) => array.LoopDepth < LoopDepth;
}
