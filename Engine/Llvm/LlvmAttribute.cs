using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>
/// A non-owning view of an attribute (uniqued by its context): an enum attribute such as
/// <c>nounwind</c>, an integer one such as <c>memory(...)</c>, a type one such as <c>sret(T)</c>, or a
/// string one such as <c>"target-cpu"</c>. Created by <see cref="LlvmContext.CreateEnumAttribute"/>.
/// </summary>
public readonly unsafe record struct LlvmAttribute(LLVMAttributeRef Handle)
{
    /// <summary>LLVM's kind id of the enum attribute <paramref name="name"/>, or 0 when LLVM has no such attribute.</summary>
    public static uint KindOf(string name)
    {
        byte[] bytes = NativeUtf8.Encode(name);
        fixed (byte* n = bytes)
        {
            return LLVM.LLVMGetEnumAttributeKindForName((sbyte*)n, (nuint)(bytes.Length - 1));
        }
    }

    public bool IsString => LLVM.LLVMIsStringAttribute(Handle) != 0;
    public bool IsEnum => LLVM.LLVMIsEnumAttribute(Handle) != 0;
    public bool IsType => LLVM.LLVMIsTypeAttribute(Handle) != 0;

    /// <summary>The kind id of an enum, integer or type attribute (not of a string attribute).</summary>
    public uint Kind => LLVM.LLVMGetEnumAttributeKind(Handle);

    /// <summary>The integer an enum attribute carries (e.g. the encoded effects of <c>memory(...)</c>).</summary>
    public ulong EnumValue => LLVM.LLVMGetEnumAttributeValue(Handle);

    /// <summary>The type a type attribute carries (e.g. the pointee of <c>sret</c>).</summary>
    public LlvmType TypeValue => new(LLVM.LLVMGetTypeAttributeValue(Handle));

    /// <summary>Null for a null handle: what the C API's attribute lookups return when there is none.</summary>
    internal static LlvmAttribute? FromHandle(LLVMAttributeRef handle) => handle.IsNull ? null : new LlvmAttribute(handle);
}
