using Enzyme.Engine.Frontend;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// A gradient whose primal returns a floating-point scalar and whose parameters are numbers or
/// arrays of numbers: the shape the generated <c>NAME_check</c> method and the TorchSharp layer
/// handle. <see cref="TryCreate"/> says why another shape is not handled.
/// </summary>
public sealed record DifferentiableSignature(
    GradientSpecification Gradient,
    CFunctionDeclaration Primal,
    string ReturnType,
    IReadOnlyList<CheckedParameter> Parameters)
{
    public IEnumerable<CheckedParameter> ActiveParameters => Parameters.Where(p => p.IsActive);

    /// <summary>float when the result or any active input is single precision: finite differences then work at float's resolution.</summary>
    public bool IsSinglePrecision => ReturnType == "float" || ActiveParameters.Any(p => p.ScalarType == "float");

    /// <param name="sizes">Pointer parameter name → integer parameter name (item metadata <c>Sizes</c>).</param>
    public static DifferentiableSignature? TryCreate(GradientSpecification gradient, CFunctionDeclaration primal,
        IReadOnlyDictionary<string, string> sizes, out string reason)
    {
        reason = "";
        string? returnType = FloatingPoint(primal.ReturnType.Kind);
        if (returnType is null)
        {
            reason = $"'{primal.Name}' returns {primal.ReturnType.Spelling}, not a float or double";
            return null;
        }
        if (primal.IsVariadic || primal.Parameters.Count != gradient.Activities.Count)
        {
            reason = $"'{primal.Name}' is variadic or its parameter count differs from the activities";
            return null;
        }
        if (!gradient.IsForward && gradient.Activities.Count(a => a == ArgumentActivity.Active) > 1)
        {
            reason = "a reverse gradient with several out parameters returns a struct, which the bindings do not bind";
            return null;
        }
        var parameters = new List<CheckedParameter>();
        for (int i = 0; i < primal.Parameters.Count; i++)
        {
            CParameter parameter = primal.Parameters[i];
            string name = CSharpNames.Identifier(parameter.Name.Length > 0 ? parameter.Name : $"arg{i}");
            ArgumentActivity activity = gradient.Activities[i];
            bool duplicated = activity is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed;
            CTypeDescription type = parameter.Type;
            bool isPointer = type.Kind == CTypeKind.Pointer;
            CTypeDescription element = isPointer ? type.Pointee ?? type : type;
            string? scalar = FloatingPoint(element.Kind) ?? Integer(element);
            if (scalar is null || (isPointer && element.Kind == CTypeKind.Pointer))
            {
                reason = $"parameter '{name}' is {type.Spelling}: only numbers and pointers to numbers are handled";
                return null;
            }
            bool active = duplicated || activity == ArgumentActivity.Active;
            if (active && FloatingPoint(element.Kind) is null)
            {
                reason = $"parameter '{name}' ({type.Spelling}) is active but not floating point";
                return null;
            }
            parameters.Add(new CheckedParameter(name, i, scalar, isPointer, active, element.IsConst, null));
        }
        foreach ((string pointer, string size) in sizes)
        {
            int at = parameters.FindIndex(p => p.Name == pointer || p.Name == "@" + pointer);
            CheckedParameter? count = parameters.Find(p => p.Name == size || p.Name == "@" + size);
            if (at < 0 || !parameters[at].IsPointer)
            {
                reason = $"Sizes names '{pointer}', which is not a pointer parameter of '{primal.Name}'";
                return null;
            }
            if (count is null || count.IsPointer || count.IsFloatingPoint)
            {
                reason = $"Sizes gives '{pointer}' the element count '{size}', which is not an integer parameter of '{primal.Name}'";
                return null;
            }
            parameters[at] = parameters[at] with { SizeParameter = count };
        }
        return new DifferentiableSignature(gradient, primal, returnType, parameters);
    }

    private static string? FloatingPoint(CTypeKind kind) => kind switch
    {
        CTypeKind.Double => "double",
        CTypeKind.Float => "float",
        _ => null,
    };

    private static string? Integer(CTypeDescription type) => type.Kind switch
    {
        CTypeKind.Int8 => "sbyte",
        CTypeKind.UInt8 => "byte",
        CTypeKind.Int16 => "short",
        CTypeKind.UInt16 => "ushort",
        CTypeKind.Int32 or CTypeKind.Enum => "int",
        CTypeKind.UInt32 => "uint",
        CTypeKind.Int64 => type.Spelling is "ssize_t" or "ptrdiff_t" or "intptr_t" ? "nint" : "long",
        CTypeKind.UInt64 => type.Spelling is "size_t" or "uintptr_t" ? "nuint" : "ulong",
        _ => null,
    };
}
