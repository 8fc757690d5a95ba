namespace Enzyme.Engine.Pipeline;

/// <summary>Maps output file extensions to <see cref="OutputKind"/>.</summary>
public static class OutputKinds
{
    public const string SupportedExtensions = ".bc, .ll, .o, .s, .ptx";

    public static OutputKind? FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".bc" => OutputKind.Bitcode,
        ".ll" => OutputKind.TextualIr,
        ".o" => OutputKind.Object,
        ".s" => OutputKind.Assembly,
        ".ptx" => OutputKind.Ptx,
        _ => null,
    };
}
