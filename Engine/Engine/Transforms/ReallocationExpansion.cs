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
/// request as p, so its usable size is the same and the copy's adjoint stays inside it.
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
}
