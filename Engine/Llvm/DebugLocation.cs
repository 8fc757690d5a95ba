namespace Enzyme.Llvm;

/// <summary>The source position an instruction carries in its debug metadata.</summary>
public readonly record struct DebugLocation(string Directory, string File, uint Line, uint Column)
{
    /// <summary>File with its directory, as a compiler would print it.</summary>
    public string FullPath => Directory.Length == 0 || System.IO.Path.IsPathRooted(File) ? File : System.IO.Path.Combine(Directory, File);

    public override string ToString() => Column == 0 ? $"{FullPath}:{Line}" : $"{FullPath}:{Line}:{Column}";
}
