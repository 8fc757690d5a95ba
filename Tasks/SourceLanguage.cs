namespace Enzyme.Sdk.Tasks;

/// <summary>The language of an <c>EnzymeSource</c>, which picks the front end.</summary>
public enum SourceLanguage
{
    /// <summary>Not recognised.</summary>
    Unknown,
    /// <summary>C, compiled by clang.</summary>
    C,
    /// <summary>C++, compiled by clang++.</summary>
    Cxx,
    /// <summary>Fortran, compiled by flang.</summary>
    Fortran,
    /// <summary>CUDA; not compiled by the SDK yet.</summary>
    Cuda,
    /// <summary>A Rust crate root, compiled by rustc.</summary>
    Rust,
    /// <summary>A C/C++ header: not compiled, only read for the bindings.</summary>
    Header,
}
