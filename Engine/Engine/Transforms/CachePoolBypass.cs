using Enzyme.Engine.Rules;
using Enzyme.Llvm;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// A gradient differentiated again (forward over reverse, reverse over reverse) must not share its
/// caches through <see cref="CachePool"/>: the pool is memory no derivative tracks, so an array taken
/// from it would come without its shadow array. In a function about to be differentiated, cache growth
/// goes back to plain realloc and a released cache is freed, both of which the modes differentiate.
/// </summary>
internal static class CachePoolBypass
{
    public static void Run(LlvmModule module, LlvmFunction function)
    {
        List<LlvmInstruction> calls = function.Instructions
            .Where(i => i.IsCall && i.CalledValue.Name is CachePool.GrowName or CachePool.ReleaseName).ToList();
        if (calls.Count == 0)
        {
            return;
        }
        LlvmContext context = module.Context;
        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, module, builder);
        foreach (LlvmInstruction call in calls)
        {
            builder.PositionBefore(call);
            if (call.CalledValue.Name == CachePool.GrowName)
            {
                LlvmFunction plain = RuntimeSupport.PlainCacheGrow(module);
                emitter.CallFunction(plain, [.. Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument)]);
            }
            else
            {
                LlvmFunction free = emitter.Free();
                emitter.CallFunction(free, call.GetArgument(0));
            }
            call.EraseFromParent();
        }
    }
}
