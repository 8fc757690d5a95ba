using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules;

/// <summary>
/// The zero-initialised shadow of a stack or heap allocation, one lane at the builder's
/// position; forward mode makes one per lane, reverse mode one. Heap shadows come from the
/// same allocator as the primal (so the matching deallocator frees them and an aligned
/// allocation stays aligned), except <c>malloc</c>, whose shadow is <c>calloc</c>: zeroed
/// memory without a separate memset pass. Rust's <c>__rust_alloc(size, align)</c> takes the size first
/// too; <c>__rust_alloc_zeroed</c> needs no memset.
/// </summary>
public static class ShadowAllocation
{
    /// <summary>The shadow of an alloca or of a call to an allocator, at the builder's position.</summary>
    public static LlvmValue Emit(IrEmitter emitter, LlvmInstruction allocation) => allocation.Opcode == LLVMOpcode.LLVMCall
        ? EmitHeap(emitter, allocation, allocation.CalledValue.Name)
        : EmitStack(emitter, allocation);

    public static LlvmValue EmitStack(IrEmitter emitter, LlvmInstruction alloca)
    {
        LlvmBuilder builder = emitter.Builder;
        LlvmType allocated = alloca.AllocatedType;
        LlvmValue shadow = alloca.CloneDetached().Value;
        builder.Insert(shadow, alloca.Value.Name + "'");
        LlvmValue count = alloca.Value.GetOperand(0);
        if (count.ConstantIntValue == 1)
        {
            builder.Store(LlvmValue.ConstNull(allocated), shadow);
        }
        else
        {
            LlvmValue bytes = builder.Mul(allocated.SizeOf, builder.Cast(LLVMOpcode.LLVMZExt, count, emitter.Context.Int64Type));
            builder.MemSet(shadow, LlvmValue.ConstInt(emitter.Context.Int8Type, 0), bytes);
        }
        return shadow;
    }

    public static LlvmValue EmitHeap(IrEmitter emitter, LlvmInstruction call, string allocator)
    {
        LlvmBuilder builder = emitter.Builder;
        if (allocator == "malloc")
        {
            return Calloc(emitter, call.GetArgument(0));
        }
        LlvmValue clone = call.CloneDetached().Value;
        builder.Insert(clone, call.Value.Name + "'");
        if (allocator != "calloc" && RustAllocatorShims.ShimName(allocator) != RustAllocatorShims.AllocZeroed)
        {
            LlvmValue size = allocator == "aligned_alloc" ? call.GetArgument(1) : call.GetArgument(0);
            builder.MemSet(clone, LlvmValue.ConstInt(emitter.Context.Int8Type, 0), size);
        }
        return clone;
    }

    /// <summary><c>calloc(bytes, 1)</c>: zeroed memory.</summary>
    public static LlvmValue Calloc(IrEmitter emitter, LlvmValue bytes)
    {
        LlvmType i64 = emitter.Context.Int64Type;
        LlvmFunction calloc = emitter.DeclareFunction("calloc", LlvmType.Function(emitter.Context.PointerType(), [i64, i64]));
        return emitter.CallFunction(calloc, bytes, LlvmValue.ConstInt(i64, 1));
    }
}
