namespace Enzyme.Sdk.Tasks;

/// <summary>
/// One source file of an imported CMake target with the flags CMake compiles it with, split the
/// way an <c>EnzymeSource</c> item carries them.
/// </summary>
/// <param name="SourcePath">Absolute path of the source.</param>
/// <param name="Language">The <c>Language</c> metadata: <c>C</c>, <c>C++</c>, <c>Fortran</c> or <c>CUDA</c>.</param>
/// <param name="Target">The CMake target it belongs to.</param>
/// <param name="Flags">Its include folders, definitions, standard and remaining options.</param>
public sealed record ImportedTranslationUnit(string SourcePath, string Language, string Target, ClassifiedCompileFlags Flags);
