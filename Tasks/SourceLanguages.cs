namespace Enzyme.Sdk.Tasks;

/// <summary>Maps the <c>Language</c> metadata, or else the file extension, to a <see cref="SourceLanguage"/>.</summary>
public static class SourceLanguages
{
    public static SourceLanguage Resolve(string path, string? languageMetadata) =>
        string.IsNullOrWhiteSpace(languageMetadata) ? FromExtension(Path.GetExtension(path)) : FromName(languageMetadata.Trim());

    /// <summary>The canonical metadata value written back on items (<c>C</c>, <c>C++</c>, <c>Fortran</c>, ...).</summary>
    public static string Name(SourceLanguage language) => language switch
    {
        SourceLanguage.C => "C",
        SourceLanguage.Cxx => "C++",
        SourceLanguage.Fortran => "Fortran",
        SourceLanguage.Cuda => "CUDA",
        SourceLanguage.Rust => "Rust",
        SourceLanguage.Header => "Header",
        _ => "Unknown",
    };

    public static SourceLanguage FromName(string name) => name.ToLowerInvariant() switch
    {
        "c" => SourceLanguage.C,
        "c++" or "cxx" or "cpp" => SourceLanguage.Cxx,
        "fortran" => SourceLanguage.Fortran,
        "cuda" => SourceLanguage.Cuda,
        "rust" => SourceLanguage.Rust,
        "header" => SourceLanguage.Header,
        _ => SourceLanguage.Unknown,
    };

    public static SourceLanguage FromExtension(string extension) => extension switch
    {
        ".c" => SourceLanguage.C,
        ".cpp" or ".cc" or ".cxx" or ".c++" or ".C" => SourceLanguage.Cxx,
        ".f" or ".for" or ".f77" or ".f90" or ".f95" or ".f03" or ".f08"
            or ".F" or ".FOR" or ".F77" or ".F90" or ".F95" or ".F03" or ".F08" => SourceLanguage.Fortran,
        ".cu" => SourceLanguage.Cuda,
        ".rs" => SourceLanguage.Rust,
        ".h" or ".hh" or ".hpp" or ".hxx" or ".inc" => SourceLanguage.Header,
        _ => SourceLanguage.Unknown,
    };
}
