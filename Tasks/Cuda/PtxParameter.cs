namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>
/// One <c>.param</c> of a PTX <c>.entry</c>: <c>.param .u64 .ptr .global .align 8 x</c> gives
/// type <c>u64</c>, pointer to <c>global</c>, alignment 8; <c>.param .align 8 .b8 s[16]</c> (a
/// struct passed by value) gives type <c>b8</c> with <see cref="ArrayLength"/> 16.
/// </summary>
/// <param name="Name">The PTX name, e.g. <c>_Z5saxpyPfS_fi_param_0</c>.</param>
/// <param name="Type">The PTX fundamental type without its dot: <c>u64</c>, <c>f32</c>, <c>b8</c>, …</param>
/// <param name="ArrayLength">Element count of an array parameter; 0 for a scalar.</param>
/// <param name="IsPointer">Marked <c>.ptr</c> (the value is an address).</param>
/// <param name="StateSpace">The state space after <c>.ptr</c> (<c>global</c>, <c>shared</c>, …); empty when absent.</param>
/// <param name="Alignment">The <c>.align</c> value; 0 when absent.</param>
public sealed record PtxParameter(string Name, string Type, int ArrayLength, bool IsPointer, string StateSpace, int Alignment)
{
    /// <summary>Size in bytes of one element of <see cref="Type"/> (<c>u64</c> → 8).</summary>
    public int ElementSize => PtxTypes.SizeOf(Type);

    /// <summary>Bytes the parameter occupies: the element size, times the array length for arrays.</summary>
    public int SizeInBytes => ArrayLength == 0 ? ElementSize : ElementSize * ArrayLength;

    public bool IsArray => ArrayLength > 0;
}
