namespace Enzyme.Sdk.Tasks;

/// <summary>A compile command's flags, sorted into the metadata of an <c>EnzymeSource</c> item.</summary>
/// <param name="IncludeDirectories">Absolute folders of <c>-I</c>, <c>-isystem</c>, <c>-iquote</c>, <c>-idirafter</c>, in order.</param>
/// <param name="Defines"><c>NAME</c> or <c>NAME=VALUE</c> of every <c>-D</c>, in order.</param>
/// <param name="Std">The value of the last <c>-std=</c>; empty when there is none.</param>
/// <param name="AdditionalOptions">Every other option, one argument each, in order.</param>
public sealed record ClassifiedCompileFlags(
    IReadOnlyList<string> IncludeDirectories,
    IReadOnlyList<string> Defines,
    string Std,
    IReadOnlyList<string> AdditionalOptions);
