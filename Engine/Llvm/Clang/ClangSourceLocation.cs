namespace Enzyme.Llvm.Clang;

/// <summary>
/// Where a cursor is spelled: file name as libclang reports it (the virtual name for in-memory
/// sources, empty for builtins), 1-based line and column (0 when the location is invalid).
/// </summary>
public readonly record struct ClangSourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
