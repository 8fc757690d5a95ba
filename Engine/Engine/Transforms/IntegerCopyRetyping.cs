using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// Gives floating-point data copied through integer loads and stores its type back before reverse mode.
/// Clang and InstCombine move bytes as <c>i64</c>/<c>i32</c> where the program copies them without
/// arithmetic: a union or <c>memcpy</c> type pun, <c>uint64_t</c> storage, a struct copy. Reverse mode
/// moves adjoints only through floating-point accesses, so such a copy of a <c>double</c> would drop its
/// adjoint silently. A copy <c>v = load iN, src; store v, dst...</c> (the value used by stores only) is
/// retyped to the float of that width when the addresses say the bytes are one: a GEP over
/// <c>double</c>/<c>float</c> elements or fields, or the same pointer also read or written as that float
/// in the function. The source address decides when it says anything; otherwise the destinations must
/// say float and none pointer or integer. Everything else stays an integer copy, which carries a
/// pointer's shadow in the forward sweep.
/// </summary>
internal static class IntegerCopyRetyping
{
    private enum Evidence
    {
        None,
        Float,
        NotFloat,
    }

    public static void Run(LlvmContext context, LlvmFunction function)
    {
        List<LlvmInstruction> instructions = function.Instructions.ToList();
        using var builder = new LlvmBuilder(context);
        foreach (LlvmInstruction load in instructions.Where(i => i.Opcode == LLVMOpcode.LLVMLoad && i.Type.Kind == LLVMTypeKind.LLVMIntegerTypeKind))
        {
            uint width = load.Type.IntegerWidth;
            if (width is not (32 or 64) || load.IsVolatile)
            {
                continue;
            }
            List<LlvmInstruction> stores = [];
            bool onlyStored = true;
            foreach (LlvmValue user in load.Value.Users)
            {
                if (user.AsInstruction() is { Opcode: LLVMOpcode.LLVMStore, IsVolatile: false } store && store.Value.GetOperand(0) == load)
                {
                    stores.Add(store);
                }
                else
                {
                    onlyStored = false;
                }
            }
            if (!onlyStored || stores.Count == 0)
            {
                continue;
            }
            LlvmType floating = width == 64 ? context.DoubleType : context.FloatType;
            // The source decides when it knows (the bytes are what was stored there, whatever the
            // destination is declared as); otherwise the destinations must agree.
            Evidence source = EvidenceAt(load.Value.GetOperand(0), floating, instructions);
            Evidence[] destinations = [.. stores.Select(s => EvidenceAt(s.Value.GetOperand(1), floating, instructions))];
            bool isFloat = source == Evidence.Float
                || (source == Evidence.None && destinations.Contains(Evidence.Float) && !destinations.Contains(Evidence.NotFloat));
            if (!isFloat)
            {
                continue;
            }
            builder.PositionBefore(load);
            LlvmValue typed = builder.Load(floating, load.Value.GetOperand(0), load.Value.Name);
            typed.Alignment = load.Value.Alignment;
            foreach (LlvmInstruction store in stores)
            {
                builder.PositionBefore(store);
                LlvmValue typedStore = builder.Store(typed, store.Value.GetOperand(1));
                typedStore.Alignment = store.Value.Alignment;
                store.EraseFromParent();
            }
            load.EraseFromParent();
        }
    }

    /// <summary>What the address itself, and the other accesses through it, say about the bytes there.</summary>
    private static Evidence EvidenceAt(LlvmValue address, LlvmType floating, List<LlvmInstruction> instructions)
    {
        Evidence fromGep = address.AsInstruction() is { Opcode: LLVMOpcode.LLVMGetElementPtr } gep ? Classify(IndexedType(gep), floating) : Evidence.None;
        if (fromGep == Evidence.NotFloat)
        {
            return fromGep;
        }
        bool accessedAsFloat = instructions.Any(i => AccessedType(i, address) is { } type && Classify(type, floating) == Evidence.Float);
        return fromGep == Evidence.Float || accessedAsFloat ? Evidence.Float : Evidence.None;
    }

    private static LlvmType? AccessedType(LlvmInstruction instruction, LlvmValue address) => instruction.Opcode switch
    {
        LLVMOpcode.LLVMLoad when instruction.Value.GetOperand(0) == address => instruction.Type,
        LLVMOpcode.LLVMStore when instruction.Value.GetOperand(1) == address => instruction.Value.GetOperand(0).Type,
        _ => null,
    };

    private static Evidence Classify(LlvmType? type, LlvmType floating) => type switch
    {
        null => Evidence.None,
        { } t when t == floating => Evidence.Float,
        { IsPointer: true } => Evidence.NotFloat,
        { Kind: LLVMTypeKind.LLVMIntegerTypeKind } t when t.IntegerWidth == (floating.Kind == LLVMTypeKind.LLVMDoubleTypeKind ? 64u : 32u) => Evidence.NotFloat,
        _ => Evidence.None,
    };

    /// <summary>
    /// The type a GEP addresses when that is clear from its types: the element of a one-index GEP over a
    /// scalar, the field or element of a two-index GEP over a struct or array with a constant last index.
    /// An <c>i8</c> (byte offset) GEP says nothing.
    /// </summary>
    private static LlvmType? IndexedType(LlvmInstruction gep)
    {
        LlvmType source = gep.Value.GepSourceElementType;
        int indices = gep.Value.OperandCount - 1;
        if (indices == 1)
        {
            return source.Kind == LLVMTypeKind.LLVMIntegerTypeKind && source.IntegerWidth == 8 ? null : source;
        }
        if (indices == 2 && source.Kind == LLVMTypeKind.LLVMStructTypeKind && gep.Value.GetOperand(2).ConstantIntValue is { } field)
        {
            return source.GetStructElement((int)field);
        }
        if (indices == 2 && source.Kind == LLVMTypeKind.LLVMArrayTypeKind)
        {
            return source.ElementType;
        }
        return null;
    }
}
