using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>An LLVM intrinsic by id (<c>llvm.sin</c>, <c>llvm.memcpy</c>, ...), found by name and declared per overload.</summary>
public readonly unsafe record struct LlvmIntrinsic(uint Id)
{
    /// <summary>The intrinsic called <paramref name="name"/> (with the <c>llvm.</c> prefix), or null when LLVM has none.</summary>
    public static LlvmIntrinsic? Find(string name)
    {
        byte[] bytes = NativeUtf8.Encode(name);
        fixed (byte* n = bytes)
        {
            uint id = LLVM.LLVMLookupIntrinsicID((sbyte*)n, (nuint)(bytes.Length - 1));
            return id == 0 ? null : new LlvmIntrinsic(id);
        }
    }

    /// <summary>False for intrinsics with a fixed signature (e.g. target intrinsics such as <c>llvm.nvvm.cos.approx.f</c>).</summary>
    public bool IsOverloaded => LLVM.LLVMIntrinsicIsOverloaded(Id) != 0;

    /// <summary>Declares (once per module) the overload for <paramref name="overloadTypes"/>; empty when not overloaded.</summary>
    public LlvmFunction Declare(LlvmModule module, ReadOnlySpan<LlvmType> overloadTypes)
    {
        LLVMTypeRef[] refs = LlvmType.ToRefs(overloadTypes);
        fixed (LLVMTypeRef* types = refs)
        {
            return new LlvmFunction(LLVM.LLVMGetIntrinsicDeclaration(module.Handle, Id, types, (nuint)refs.Length));
        }
    }

    /// <summary>The function type of the overload for <paramref name="overloadTypes"/>.</summary>
    public LlvmType FunctionType(LlvmContext context, ReadOnlySpan<LlvmType> overloadTypes)
    {
        LLVMTypeRef[] refs = LlvmType.ToRefs(overloadTypes);
        fixed (LLVMTypeRef* types = refs)
        {
            return new LlvmType(LLVM.LLVMIntrinsicGetType(context.Handle, Id, types, (nuint)refs.Length));
        }
    }
}
