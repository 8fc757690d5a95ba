namespace Enzyme.Engine.Pipeline;

/// <summary>What the pipeline writes, chosen by the output file's extension.</summary>
public enum OutputKind
{
    /// <summary><c>.bc</c></summary>
    Bitcode,

    /// <summary><c>.ll</c></summary>
    TextualIr,

    /// <summary><c>.o</c></summary>
    Object,

    /// <summary><c>.s</c></summary>
    Assembly,

    /// <summary><c>.ptx</c>: NVPTX assembly.</summary>
    Ptx,
}
