using Enzyme.Engine.Rules;
using Enzyme.Engine.Rules.Calls;
using Enzyme.Engine.Analysis;
using Enzyme.Llvm;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Rewrites <c>q = realloc(p, n)</c> in a function about to be differentiated in reverse mode as what it
/// does: <c>q = malloc(n); memcpy(q, p, min(malloc_usable_size(p), n)); free(p)</c>. Each piece already
/// has its reverse (a zeroed shadow allocation, the copy's adjoint from q's shadow into p's, and a free
/// deferred until the reverse sweep no longer reads the old block), which a realloc in place could not
/// give: the old block, and its shadow, must survive until the reverse sweep is back before the call.
/// The old block's size is not passed to realloc; malloc_usable_size (glibc, musl) gives at least it,
/// and copying the few bytes beyond it only moves unused heap bytes. For p null the copy is empty and
/// the free does nothing, as realloc(NULL, n) is malloc(n). The shadow of p was allocated with the same
/// request as p, so its usable size is the same and the copy's adjoint stays inside it. Rust's
/// <c>__rust_realloc</c> becomes the same three steps with Rust's allocator shims.
/// </summary>
internal static class ReallocationExpansion
{
    public static void Run(LlvmModule module, LlvmFunction function, CallClassifier classifier)
    {
        List<LlvmInstruction> reallocations = function.Instructions
            .Where(i => i.IsCall && classifier.Classify(i).LibraryRule is ReallocationRule).ToList();
        if (reallocations.Count == 0)
        {
            return;
        }
        LlvmContext context = module.Context;
        LlvmType pointer = context.PointerType(), i64 = context.Int64Type;
        var emitter = new IrEmitter(context, module, new LlvmBuilder(context));
        using LlvmBuilder builder = emitter.Builder;
        LlvmFunction malloc = emitter.DeclareFunction("malloc", LlvmType.Function(pointer, [i64]));
        LlvmFunction usableSize = emitter.DeclareFunction("malloc_usable_size", LlvmType.Function(i64, [pointer]));
        LlvmFunction free = emitter.Free();
        foreach (LlvmInstruction call in reallocations)
        {
            if (RustAllocatorShims.IsReallocator(call.CalledValue.Name))
            {
                ExpandRust(emitter, call);
                continue;
            }
            LlvmValue old = call.GetArgument(0), size = call.GetArgument(1);
            builder.PositionBefore(call);
            LlvmValue fresh = emitter.CallFunction(malloc, size);
            LlvmValue copied = emitter.Intrinsic("umin", [emitter.CallFunction(usableSize, old), size]);
            builder.MemCpy(fresh, old, copied);
            emitter.CallFunction(free, old);
            call.Value.ReplaceAllUsesWith(fresh);
            call.EraseFromParent();
        }
    }

    /// <summary>
    /// Rust's <c>__rust_realloc(p, old_size, align, new_size)</c> knows the old size: <c>q = __rust_alloc(new_size,
    /// align); memcpy(q, p, min(old_size, new_size)); __rust_dealloc(p, old_size, align)</c>, with the shims of the
    /// same compiler (their symbols differ from the realloc's only in the identifier).
    /// </summary>
    private static void ExpandRust(IrEmitter emitter, LlvmInstruction call)
    {
        LlvmType pointer = emitter.Context.PointerType(), i64 = emitter.Context.Int64Type;
        string symbol = call.CalledValue.Name;
        LlvmFunction alloc = emitter.DeclareFunction(RustAllocatorShims.SiblingSymbol(symbol, RustAllocatorShims.Alloc), LlvmType.Function(pointer, [i64, i64]));
        LlvmFunction dealloc = emitter.DeclareFunction(RustAllocatorShims.SiblingSymbol(symbol, RustAllocatorShims.Dealloc), LlvmType.Function(emitter.Context.VoidType, [pointer, i64, i64]));
        LlvmValue old = call.GetArgument(0), oldSize = call.GetArgument(1), alignment = call.GetArgument(2), size = call.GetArgument(3);
        emitter.Builder.PositionBefore(call);
        LlvmValue fresh = emitter.CallFunction(alloc, size, alignment);
        emitter.Builder.MemCpy(fresh, old, emitter.Intrinsic("umin", [oldSize, size]));
        emitter.CallFunction(dealloc, old, oldSize, alignment);
        call.Value.ReplaceAllUsesWith(fresh);
        call.EraseFromParent();
    }
}
