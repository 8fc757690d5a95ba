using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// The C declaration of an exported gradient, derived from its primal's declaration the way
/// <see cref="GradientEntryPoints"/> builds it: each duplicated parameter is followed by its
/// shadow <c>d_NAME</c> (writable: it receives adjoints or carries tangents), <c>out</c>
/// parameters' adjoints are returned.
/// </summary>
public static class GradientDeclarations
{
    public static CFunctionDeclaration Derive(GradientSpecification specification, CFunctionDeclaration primal)
    {
        if (primal.Parameters.Count != specification.Activities.Count)
        {
            throw new EnzymeException(DiagnosticCodes.GradientActivityMismatch,
                $"the gradient '{specification.Name}' of '{primal.Name}': the function has {primal.Parameters.Count} parameter(s) but {specification.Activities.Count} activities are given");
        }
        var parameters = new List<CParameter>();
        var adjoints = new List<CTypeDescription>();
        for (int i = 0; i < primal.Parameters.Count; i++)
        {
            CParameter parameter = primal.Parameters[i];
            string name = parameter.Name.Length > 0 ? parameter.Name : $"arg{i}";
            parameters.Add(parameter with { Name = name });
            switch (specification.Activities[i])
            {
                case ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed:
                    // Reverse-mode shadows receive adjoints; forward-mode tangents are inputs like their primals.
                    parameters.Add(new CParameter("d_" + name, specification.IsForward ? parameter.Type : Writable(parameter.Type)));
                    break;
                case ArgumentActivity.Active:
                    adjoints.Add(parameter.Type);
                    break;
            }
        }
        CTypeDescription returnType = specification.IsForward
            ? (primal.ReturnType.Kind is CTypeKind.Float or CTypeKind.Double or CTypeKind.LongDouble or CTypeKind.Pointer ? primal.ReturnType : Void)
            : adjoints.Count switch
            {
                0 => Void,
                1 => adjoints[0],
                _ => new CTypeDescription($"struct of {adjoints.Count} adjoints", CTypeKind.Struct, false, null, null),
            };
        return new CFunctionDeclaration(specification.Name, returnType, parameters, false, primal.File, primal.Line);
    }

    private static readonly CTypeDescription Void = new("void", CTypeKind.Void, false, null, null);

    /// <summary>The shadow of <c>const double *</c> is <c>double *</c>.</summary>
    private static CTypeDescription Writable(CTypeDescription type) =>
        type.Kind == CTypeKind.Pointer && type.Pointee is { IsConst: true } pointee
            ? type with { Spelling = type.Spelling.Replace("const ", string.Empty, StringComparison.Ordinal), Pointee = pointee with { IsConst = false, Spelling = pointee.Spelling.Replace("const ", string.Empty, StringComparison.Ordinal) } }
            : type;
}
