using Enzyme.Llvm;

namespace Enzyme.Engine.Transforms;

/// <summary>Copies attributes from a primal to the functions derived from it.</summary>
public static class FunctionAttributes
{
    /// <summary>Function attributes that would be wrong or harmful on a derivative.</summary>
    /// <summary>
    /// Function attributes a derivative does not inherit. alwaysinline: reverse mode runs the module's
    /// always-inline pass while it builds gradients (<see cref="Modes.Reverse.ReverseModeGenerator"/>); a
    /// derivative of an alwaysinline function (clang's OpenMP outlined regions are) would be inlined into, or as
    /// a dead internal function deleted from under, the gradients that still refer to it.
    /// </summary>
    private static readonly HashSet<string> DroppedFunctionAttributes = ["optnone", "noinline", "alwaysinline", "memory", "readnone", "readonly", "writeonly", "speculatable", "naked"];

    private static readonly Dictionary<uint, string> Names = [];

    /// <summary>Attributes a shadow parameter must not inherit: only one sret per function; and a
    /// reverse-mode shadow is written even where the primal is only read.</summary>
    private static readonly HashSet<string> ParameterDropped = ["returned"];
    private static readonly HashSet<string> GradientParameterDropped = ["returned", "sret"];
    private static readonly HashSet<string> ShadowDropped = ["returned", "sret"];
    private static readonly HashSet<string> AdjointShadowDropped = ["returned", "sret", "readonly", "readnone", "writeonly", "initializes", "dead_on_return"];

    /// <summary>Copies the attributes of parameter <paramref name="fromIndex"/> (noalias, align, ...) except <c>returned</c>.</summary>
    public static void CopyParameter(LlvmFunction from, int fromIndex, LlvmFunction to, int toIndex) =>
        CopyParameter(from, fromIndex, to, toIndex, ParameterDropped);

    /// <summary>
    /// Copies a primal parameter's attributes to a gradient, except <c>returned</c> and <c>sret</c>: a gradient
    /// returns the adjoints of active scalars, and LLVM allows an sret parameter only in a void function.
    /// </summary>
    public static void CopyToGradientParameter(LlvmFunction from, int fromIndex, LlvmFunction to, int toIndex) =>
        CopyParameter(from, fromIndex, to, toIndex, GradientParameterDropped);

    /// <summary>Copies a parameter's attributes to the shadow parameter that mirrors it in forward mode.</summary>
    public static void CopyToTangentShadow(LlvmFunction from, int fromIndex, LlvmFunction to, int toIndex) =>
        CopyParameter(from, fromIndex, to, toIndex, ShadowDropped);

    /// <summary>Copies a parameter's attributes to the shadow parameter that receives adjoints in reverse mode.</summary>
    public static void CopyToAdjointShadow(LlvmFunction from, int fromIndex, LlvmFunction to, int toIndex) =>
        CopyParameter(from, fromIndex, to, toIndex, AdjointShadowDropped);

    private static void CopyParameter(LlvmFunction from, int fromIndex, LlvmFunction to, int toIndex, IReadOnlySet<string> dropped)
    {
        foreach (LlvmAttribute attribute in from.GetAttributes(LlvmAttributeIndex.Parameter(fromIndex)))
        {
            if (!attribute.IsString && dropped.Contains(Name(attribute)))
            {
                continue;
            }
            to.AddAttribute(LlvmAttributeIndex.Parameter(toIndex), attribute);
        }
    }

    /// <summary>Copies function attributes (target CPU and features, nounwind, ...) except those a derivative must not have.</summary>
    public static void CopyFunction(LlvmFunction from, LlvmFunction to)
    {
        foreach (LlvmAttribute attribute in from.GetAttributes(LlvmAttributeIndex.Function))
        {
            if (!attribute.IsString && DroppedFunctionAttributes.Contains(Name(attribute)))
            {
                continue;
            }
            to.AddAttribute(LlvmAttributeIndex.Function, attribute);
        }
    }

    /// <summary>LLVM's kind id of the enum attribute <paramref name="name"/> (0 when LLVM has no such attribute).</summary>
    public static uint Kind(string name) => LlvmAttribute.KindOf(name);

    /// <summary>The enum attribute <paramref name="name"/> without a value (nounwind, alwaysinline, ...).</summary>
    public static LlvmAttribute Create(LlvmContext context, string name) => context.CreateEnumAttribute(Kind(name));

    /// <summary>True when parameter <paramref name="index"/> carries the enum attribute <paramref name="name"/>.</summary>
    public static bool HasParameterAttribute(LlvmFunction function, int index, string name)
    {
        uint kind = Kind(name);
        return kind != 0 && function.GetEnumAttribute(LlvmAttributeIndex.Parameter(index), kind) is not null;
    }

    /// <summary>The pointee type of a call's <c>sret</c> argument <paramref name="index"/>, or null when it has none.</summary>
    public static LlvmType? CallSiteStructReturn(LlvmInstruction call, int index)
    {
        return call.GetCallSiteEnumAttribute(LlvmAttributeIndex.Parameter(index), Kind("sret"))?.TypeValue;
    }

    /// <summary>True when the function carries the enum attribute <paramref name="name"/> (e.g. noinline).</summary>
    public static bool HasFunctionAttribute(LlvmFunction function, string name)
    {
        uint kind = Kind(name);
        return kind != 0 && function.GetEnumAttribute(LlvmAttributeIndex.Function, kind) is not null;
    }

    /// <summary>
    /// What a function's <c>memory(...)</c> attribute says it may write: nothing, only memory
    /// reached through its pointer arguments, or anything (also when there is no attribute).
    /// Errno and memory inaccessible from IR do not count: no user data lives there.
    /// </summary>
    public static FunctionWrites Writes(LlvmFunction function)
    {
        uint kind = Kind("memory");
        if ((kind == 0 ? null : function.GetEnumAttribute(LlvmAttributeIndex.Function, kind)) is not { } attribute)
        {
            return FunctionWrites.Anything;
        }
        // Two bits per location (Ref = 1, Mod = 2): ArgMem 0, InaccessibleMem 1, ErrnoMem 2, Other 3, target state 4+.
        ulong effects = attribute.EnumValue;
        const ulong ArgumentMemoryMod = 0x2, InaccessibleMod = 0x8, ErrnoMod = 0x20;
        ulong userMod = effects & 0xAAAAAAAAAAAAAAAAul & ~(InaccessibleMod | ErrnoMod);
        return userMod == 0 ? FunctionWrites.Nothing : userMod == ArgumentMemoryMod ? FunctionWrites.ArgumentMemory : FunctionWrites.Anything;
    }

    private static string Name(LlvmAttribute attribute)
    {
        uint kind = attribute.Kind;
        lock (Names)
        {
            if (Names.Count == 0)
            {
                foreach (string name in (string[])["optnone", "noinline", "alwaysinline", "memory", "readnone", "readonly", "writeonly", "speculatable", "naked", "returned", "sret", "initializes", "dead_on_return"])
                {
                    uint id = Kind(name);
                    if (id != 0)
                    {
                        Names[id] = name;
                    }
                }
            }
            return Names.GetValueOrDefault(kind, string.Empty);
        }
    }
}
