namespace Enzyme.Engine.Frontend;

/// <summary>The activity markers of the Enzyme C API, recognised by global variable name.</summary>
public static class EnzymeMarkers
{
    public const string Dup = "enzyme_dup";
    public const string DupNoNeed = "enzyme_dupnoneed";
    public const string DupVector = "enzyme_dupv";
    public const string Const = "enzyme_const";
    public const string Out = "enzyme_out";
    public const string Width = "enzyme_width";
    public const string Tape = "enzyme_tape";
    public const string Allocated = "enzyme_allocated";

    /// <summary>Markers of Enzyme's API that belong to modes this engine does not offer in the call being parsed.</summary>
    public static readonly IReadOnlySet<string> OtherModeMarkers = new HashSet<string>(StringComparer.Ordinal)
    {
        "enzyme_tape", "enzyme_allocated", "enzyme_nofree", "enzyme_primal_return", "enzyme_noret",
        "enzyme_runtime_activity", "enzyme_vector", "enzyme_scalar", "enzyme_interleave",
    };

    public const string Prefix = "enzyme_";
}
