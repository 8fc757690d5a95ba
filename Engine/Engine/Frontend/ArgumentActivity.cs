namespace Enzyme.Engine.Frontend;

/// <summary>How a request treats one argument of the differentiated function.</summary>
public enum ArgumentActivity
{
    /// <summary><c>enzyme_const</c>, or an integer without a marker: no derivative.</summary>
    Constant,

    /// <summary><c>enzyme_dup</c>, or a pointer / forward-mode float without a marker: value plus shadow(s).</summary>
    Duplicated,

    /// <summary><c>enzyme_dupnoneed</c>: value plus shadow(s); the primal result may be skipped.</summary>
    DuplicatedNoNeed,

    /// <summary><c>enzyme_out</c>, or a reverse-mode float without a marker: its adjoint is returned.</summary>
    Active,
}
