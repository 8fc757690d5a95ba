using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// Proves, from an external function's declaration alone, that a call of it can neither produce nor
/// move a derivative, so that it may be treated as inactive although the engine has no rule for it.
/// A derivative leaves a call through its result or through memory it writes. The result must
/// carry none (void, integers, structs and arrays of integers: the engine gives integers no
/// derivative), and then any one of these suffices:
/// <list type="number">
/// <item>its <c>memory(...)</c> attribute says it writes no memory of the program (clang and LLVM put
/// it on many libc declarations: <c>strlen</c>, <c>strcmp</c>, <c>isalpha</c>...) — this is exact;</item>
/// <item>no parameter is or holds a pointer (<c>ilogb(double)</c>, <c>_Prime_rehash_policy::_M_next_bkt</c>'s
/// size): it reaches no memory of the program through its arguments, so a floating-point argument can
/// only leave through the result, which carries none (it could still copy the program's floating-point
/// globals; no library function does);</item>
/// <item>a C++ member function (<c>_ZN...</c>) whose other parameters are integers and whose class, a
/// named struct of this module, holds only integers (recursively): <c>this</c> reaches no floating
/// point and no pointer.</item>
/// </list>
/// Anything with a floating-point or pointer parameter beyond that (<c>double*</c>, <c>char*</c>: the
/// types say nothing about what a pointer reaches) stays unknown, unless named in
/// <see cref="Rules.LibraryFunctions.Inactive"/>.
/// </summary>
public static class DerivativeFreeSignature
{
    public static bool Proves(LlvmFunction function, LlvmContext? context)
    {
        LlvmType type = function.FunctionType;
        if (TypeFacts.CarriesDerivative(type.ReturnType))
        {
            return false;
        }
        if (FunctionAttributes.Writes(function) == FunctionWrites.Nothing)
        {
            return true;
        }
        if (type.IsVarArg)
        {
            return false;
        }
        LlvmType[] parameters = type.ParameterTypes;
        if (parameters.All(p => !TypeFacts.ContainsPointer(p)))
        {
            return true;
        }
        return context is not null && parameters.Length > 0 && parameters[0].IsPointer && parameters.Skip(1).All(p => p.IsInteger)
            && MemberOfClass(function.Name) is { } className
            && IntegerOnlyClass(context, className);
    }

    private static bool IntegerOnlyClass(LlvmContext context, string className)
    {
        LlvmType? layout = context.NamedStructType("class." + className) ?? context.NamedStructType("struct." + className);
        return layout is { } t && !t.IsOpaqueStruct && OnlyIntegers(t, 0);
    }

    private static bool OnlyIntegers(LlvmType type, int depth) => depth < 16 && type.Kind switch
    {
        LLVMTypeKind.LLVMIntegerTypeKind => true,
        LLVMTypeKind.LLVMArrayTypeKind => OnlyIntegers(type.ElementType, depth + 1),
        LLVMTypeKind.LLVMStructTypeKind => !type.IsOpaqueStruct
            && Enumerable.Range(0, type.StructElementCount).All(i => OnlyIntegers(type.GetStructElement(i), depth + 1)),
        _ => false,
    };

    /// <summary>
    /// The class of an Itanium-mangled member function <c>_ZN[K]&lt;qualifiers&gt;&lt;name&gt;E...</c> as clang names its
    /// struct type (<c>std::__detail::_Prime_rehash_policy</c>); null for free functions, templates and anything
    /// this small reader does not parse (which then stays unknown).
    /// </summary>
    public static string? MemberOfClass(string mangled)
    {
        if (!mangled.StartsWith("_ZN", StringComparison.Ordinal))
        {
            return null;
        }
        int position = 3;
        while (position < mangled.Length && mangled[position] is 'K' or 'V' or 'r')
        {
            position++;
        }
        var names = new List<string>();
        if (string.CompareOrdinal(mangled, position, "St", 0, 2) == 0)
        {
            names.Add("std");
            position += 2;
        }
        while (position < mangled.Length && char.IsAsciiDigit(mangled[position]))
        {
            int length = 0;
            while (position < mangled.Length && char.IsAsciiDigit(mangled[position]))
            {
                length = length * 10 + (mangled[position++] - '0');
            }
            if (length == 0 || position + length > mangled.Length)
            {
                return null;
            }
            names.Add(mangled.Substring(position, length));
            position += length;
        }
        // The last name is the member; the qualifiers before it name the class. Anything else
        // (template arguments 'I', substitutions 'S', constructors 'C1') is not read.
        return position < mangled.Length && mangled[position] == 'E' && names.Count >= 2 && !(names.Count == 2 && names[0] == "std")
            ? string.Join("::", names.Take(names.Count - 1))
            : null;
    }
}
