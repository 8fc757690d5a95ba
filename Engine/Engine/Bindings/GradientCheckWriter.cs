using System.Globalization;
using System.Text;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// Writes, into the bindings class, a <c>NAME_check</c> method per gradient that compares the
/// generated gradient with finite differences of its primal at a caller's point, the
/// <c>GradientCheckResult</c> they return, and the comparison they share
/// (<c>CompareWithFiniteDifferences</c>, described in Sdk/README.md "Gradient check").
/// Gradients of another shape (see <see cref="DifferentiableSignature.TryCreate"/>) get a comment.
/// </summary>
public static class GradientCheckWriter
{
    /// <summary>Default relative tolerances: what central differences with Richardson extrapolation resolve.</summary>
    public const double DoubleTolerance = 1e-6;
    public const double FloatTolerance = 1e-3;

    /// <summary>A second declaration of the (partial) bindings class, to append to the bindings file.</summary>
    public static string Write(IReadOnlyList<DifferentiableSignature> signatures, IReadOnlyList<string> notCheckable, string @class)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("/// <summary>Gradient checks: each generated gradient against finite differences of its primal.</summary>");
        text.AppendLine(CultureInfo.InvariantCulture, $"public static unsafe partial class {@class}");
        text.AppendLine("{");
        foreach (string comment in notCheckable)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    // {comment}");
        }
        text.Append(SharedMembers);
        foreach (DifferentiableSignature signature in signatures)
        {
            WriteCheck(text, signature);
        }
        text.AppendLine("}");
        return text.ToString();
    }

    private static void WriteCheck(StringBuilder text, DifferentiableSignature signature)
    {
        string gradient = signature.Gradient.Name;
        string primal = signature.Primal.Name;
        double tolerance = signature.IsSinglePrecision ? FloatTolerance : DoubleTolerance;
        IReadOnlyList<CheckedParameter> parameters = signature.Parameters;
        string callerParameters = string.Join(", ", parameters.Select(p => $"{Qualified(p.CallerType)} {p.Name}"));
        string separator = parameters.Count > 0 ? ", " : "";
        string toleranceText = tolerance.ToString("R", CultureInfo.InvariantCulture);

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"    /// <summary>");
        text.AppendLine(CultureInfo.InvariantCulture, $"    /// Compares <c>{gradient}</c> ({(signature.Gradient.IsForward ? "forward" : "reverse")} mode) with finite differences of <c>{primal}</c> at this point,");
        text.AppendLine(CultureInfo.InvariantCulture, $"    /// one component per element of its active inputs. The arrays are copied, never written.");
        text.AppendLine(CultureInfo.InvariantCulture, $"    /// </summary>");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public static GradientCheckResult {gradient}_check({callerParameters}{separator}double relativeTolerance = {toleranceText})");
        text.AppendLine("    {");
        foreach (CheckedParameter p in parameters.Where(p => p.SizeParameter is not null))
        {
            string plain = CSharpNames.Plain(p.Name), count = CSharpNames.Plain(p.SizeParameter!.Name);
            text.AppendLine(CultureInfo.InvariantCulture, $"        if ((long){p.SizeParameter.Name} != {p.Name}.Length)");
            text.AppendLine(CultureInfo.InvariantCulture, $"            throw new global::System.ArgumentException($\"{plain} has {{{p.Name}.Length}} elements but {count} is {{{p.SizeParameter.Name}}}.\", nameof({p.Name}));");
        }
        foreach (CheckedParameter p in parameters)
        {
            string plain = CSharpNames.Plain(p.Name);
            text.AppendLine(p.IsPointer
                ? $"        {p.ScalarType}[] value_{plain} = {p.Name}.ToArray();"
                : p.IsActive
                    ? $"        {p.ScalarType}[] value_{plain} = [{p.Name}];"
                    : $"        {p.ScalarType} value_{plain} = {p.Name};");
        }
        // The primal, on fresh copies (a C function may write through a pointer it does not declare const).
        text.AppendLine("        double check_primal()");
        text.AppendLine("        {");
        WriteCopies(text, parameters, "            ");
        WriteFixed(text, parameters, "            ", withShadows: false);
        text.AppendLine(CultureInfo.InvariantCulture, $"            {{");
        text.AppendLine(CultureInfo.InvariantCulture, $"                return {CSharpNames.Identifier(primal)}({string.Join(", ", parameters.Select(PrimalArgument))});");
        text.AppendLine(CultureInfo.InvariantCulture, $"            }}");
        text.AppendLine("        }");
        text.AppendLine("        double[] check_gradient()");
        text.AppendLine("        {");
        string countExpression = string.Join(" + ", signature.ActiveParameters.Select(p => $"value_{CSharpNames.Plain(p.Name)}.Length").DefaultIfEmpty("0"));
        text.AppendLine(CultureInfo.InvariantCulture, $"            double[] components = new double[{countExpression}];");
        if (signature.Gradient.IsForward)
        {
            WriteForwardGradient(text, signature);
        }
        else
        {
            WriteReverseGradient(text, signature);
        }
        text.AppendLine("            return components;");
        text.AppendLine("        }");
        string inputs = string.Join(", ", signature.ActiveParameters.Select(p =>
            $"({CSharpNames.Literal(CSharpNames.Plain(p.Name))}, (global::System.Array)value_{CSharpNames.Plain(p.Name)}, {(p.IsPointer ? "true" : "false")})"));
        string epsilon = signature.IsSinglePrecision ? "SinglePrecisionEpsilon" : "DoublePrecisionEpsilon";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"        return CompareWithFiniteDifferences({CSharpNames.Literal(gradient)}, {CSharpNames.Literal(primal)}, {CSharpNames.Literal(signature.Primal.File)}, {signature.Primal.Line}, [{inputs}], check_primal, check_gradient(), {epsilon}, relativeTolerance);");
        text.AppendLine("    }");

        if (parameters.Any(p => p.IsPointer))
        {
            // Arrays for callers that cannot pass spans, such as reflection (the build's gradient check).
            string arrayParameters = string.Join(", ", parameters.Select(p => $"{(p.IsPointer ? p.ScalarType + "[]" : p.ScalarType)} {p.Name}"));
            string forward = string.Join(", ", parameters.Select(p => p.IsPointer ? $"new global::System.ReadOnlySpan<{p.ScalarType}>({p.Name})" : p.Name));
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"    /// <summary><c>{gradient}_check</c> with arrays.</summary>");
            text.AppendLine(CultureInfo.InvariantCulture, $"    public static GradientCheckResult {gradient}_check({arrayParameters}{separator}double relativeTolerance = {toleranceText}) =>");
            text.AppendLine(CultureInfo.InvariantCulture, $"        {gradient}_check({forward}{separator}relativeTolerance);");
        }
    }

    private static void WriteReverseGradient(StringBuilder text, DifferentiableSignature signature)
    {
        IReadOnlyList<CheckedParameter> parameters = signature.Parameters;
        WriteCopies(text, parameters, "            ");
        foreach (CheckedParameter p in parameters.Where(p => p.IsActive && p.IsPointer))
        {
            string plain = CSharpNames.Plain(p.Name);
            text.AppendLine(CultureInfo.InvariantCulture, $"            {p.ScalarType}[] shadow_{plain} = new {p.ScalarType}[value_{plain}.Length];");
        }
        CheckedParameter? returned = parameters.FirstOrDefault(p => p.IsActive && !p.IsPointer);
        WriteFixed(text, parameters, "            ", withShadows: true);
        text.AppendLine("            {");
        string call = $"{CSharpNames.Identifier(signature.Gradient.Name)}({string.Join(", ", parameters.SelectMany(p => GradientArguments(p, isForward: false)))})";
        text.AppendLine(CultureInfo.InvariantCulture, $"                {(returned is null ? "" : "double adjoint = ")}{call};");
        text.AppendLine("                int at = 0;");
        foreach (CheckedParameter p in signature.ActiveParameters)
        {
            string plain = CSharpNames.Plain(p.Name);
            text.AppendLine(p.IsPointer
                ? $"                foreach ({p.ScalarType} component in shadow_{plain}) components[at++] = component;"
                : "                components[at++] = adjoint;");
        }
        text.AppendLine("            }");
    }

    private static void WriteForwardGradient(StringBuilder text, DifferentiableSignature signature)
    {
        IReadOnlyList<CheckedParameter> parameters = signature.Parameters;
        text.AppendLine("            for (int direction = 0; direction < components.Length; direction++)");
        text.AppendLine("            {");
        WriteCopies(text, parameters, "                ");
        text.AppendLine("                int at = direction;");
        foreach (CheckedParameter p in signature.ActiveParameters)
        {
            string plain = CSharpNames.Plain(p.Name);
            if (p.IsPointer)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"                {p.ScalarType}[] shadow_{plain} = new {p.ScalarType}[value_{plain}.Length];");
                text.AppendLine(CultureInfo.InvariantCulture, $"                if (at >= 0 && at < shadow_{plain}.Length) shadow_{plain}[at] = 1;");
                text.AppendLine(CultureInfo.InvariantCulture, $"                at -= shadow_{plain}.Length;");
            }
            else
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"                {p.ScalarType} shadow_{plain} = at == 0 ? 1 : 0;");
                text.AppendLine("                at -= 1;");
            }
        }
        WriteFixed(text, parameters, "                ", withShadows: true);
        text.AppendLine("                {");
        string call = $"{CSharpNames.Identifier(signature.Gradient.Name)}({string.Join(", ", parameters.SelectMany(p => GradientArguments(p, isForward: true)))})";
        text.AppendLine(CultureInfo.InvariantCulture, $"                    components[direction] = {call};");
        text.AppendLine("                }");
        text.AppendLine("            }");
    }

    private static void WriteCopies(StringBuilder text, IReadOnlyList<CheckedParameter> parameters, string indent)
    {
        foreach (CheckedParameter p in parameters.Where(p => p.IsPointer))
        {
            string plain = CSharpNames.Plain(p.Name);
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{p.ScalarType}[] input_{plain} = ({p.ScalarType}[])value_{plain}.Clone();");
        }
    }

    private static void WriteFixed(StringBuilder text, IReadOnlyList<CheckedParameter> parameters, string indent, bool withShadows)
    {
        foreach (CheckedParameter p in parameters.Where(p => p.IsPointer))
        {
            string plain = CSharpNames.Plain(p.Name);
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}fixed ({p.ScalarType}* pointer_{plain} = input_{plain})");
            if (withShadows && p.IsActive)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{indent}fixed ({p.ScalarType}* shadow_pointer_{plain} = shadow_{plain})");
            }
        }
    }

    private static string PrimalArgument(CheckedParameter p)
    {
        string plain = CSharpNames.Plain(p.Name);
        return p.IsPointer ? $"pointer_{plain}" : p.IsActive ? $"value_{plain}[0]" : $"value_{plain}";
    }

    /// <summary>The arguments of the gradient for one primal parameter: the primal's, then its shadow when it has one.</summary>
    private static IEnumerable<string> GradientArguments(CheckedParameter p, bool isForward)
    {
        string plain = CSharpNames.Plain(p.Name);
        yield return PrimalArgument(p);
        if (p.IsActive && p.IsPointer)
        {
            yield return $"shadow_pointer_{plain}";
        }
        else if (p.IsActive && isForward)
        {
            yield return $"shadow_{plain}";
        }
    }

    private static string Qualified(string type) => type.StartsWith("ReadOnlySpan<", StringComparison.Ordinal) ? "global::System." + type : type;

    /// <summary>The result type and the comparison, written once per bindings class.</summary>
    private const string SharedMembers = """

            /// <summary>
            /// What a <c>NAME_check</c> method found. Components are named <c>x[3]</c> (arrays) or <c>a</c> (scalars).
            /// <see cref="WorstRelativeError"/> is the largest |generated − finite difference| (less the finite
            /// differences' rounding error) over max(|generated|, |finite difference|), over the smooth components;
            /// components where the derivatives from the left and from the right disagree are non-smooth points,
            /// listed in <see cref="NonSmoothComponents"/> and not compared.
            /// </summary>
            public sealed record GradientCheckResult(
                string Gradient,
                string Function,
                string SourceFile,
                int SourceLine,
                double WorstRelativeError,
                string WorstComponent,
                double GradientValue,
                double FiniteDifferenceValue,
                double Tolerance,
                global::System.Collections.Generic.IReadOnlyList<string> NonSmoothComponents)
            {
                /// <summary>Every smooth component is within <see cref="Tolerance"/>.</summary>
                public bool Passed => WorstRelativeError <= Tolerance;

                /// <summary>Some component is at (or within a step of) a point where the function is not differentiable.</summary>
                public bool NonSmooth => NonSmoothComponents.Count > 0;

                public override string ToString() => global::System.FormattableString.Invariant(
                    $"{Gradient} of {Function}: {(Passed ? "passed" : "FAILED")}, worst relative error {WorstRelativeError:G3} at {WorstComponent} (gradient {GradientValue:R}, finite differences {FiniteDifferenceValue:R}, tolerance {Tolerance:G3}){(NonSmooth ? "; non-smooth at " + string.Join(", ", NonSmoothComponents) : "")}");
            }

            private const double DoublePrecisionEpsilon = 2.220446049250313e-16;
            private const double SinglePrecisionEpsilon = 1.1920928955078125e-07;

            /// <summary>
            /// Per component: steps h = cbrt(eps)·max(1, |x|) and h/2 (the points actually stored, for float arrays).
            /// The one-sided quotients at h and h/2, extrapolated to O(h²), are the derivatives from the right and
            /// from the left; where they disagree beyond 1e-2 (relative) plus rounding the point is non-smooth. Elsewhere
            /// the reference is the Richardson extrapolation of the central differences at h and h/2 (O(h⁴)).
            /// </summary>
            private static GradientCheckResult CompareWithFiniteDifferences(string gradient, string function, string sourceFile, int sourceLine,
                (string Name, global::System.Array Values, bool IsArray)[] inputs, global::System.Func<double> primal, double[] generated,
                double epsilon, double tolerance)
            {
                const double NonSmoothTolerance = 1e-2;
                double f0 = primal();
                double worst = 0, worstGradient = 0, worstReference = 0;
                string worstComponent = "";
                var nonSmooth = new global::System.Collections.Generic.List<string>();
                double cubeRootEpsilon = global::System.Math.Cbrt(epsilon);
                int k = 0;
                foreach ((string name, global::System.Array values, bool isArray) in inputs)
                {
                    for (int i = 0; i < values.Length; i++, k++)
                    {
                        string component = isArray ? name + "[" + i.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + "]" : name;
                        double x0 = ComponentOf(values, i);
                        double h = cubeRootEpsilon * global::System.Math.Max(1.0, global::System.Math.Abs(x0));
                        double largest = global::System.Math.Abs(f0);
                        double[] right = new double[2], left = new double[2], central = new double[2];
                        for (int s = 0; s < 2; s++)
                        {
                            double step = s == 0 ? h : h / 2;
                            SetComponent(values, i, x0 + step);
                            double up = ComponentOf(values, i) - x0;
                            double fUp = primal();
                            SetComponent(values, i, x0 - step);
                            double down = x0 - ComponentOf(values, i);
                            double fDown = primal();
                            SetComponent(values, i, x0);
                            right[s] = (fUp - f0) / up;
                            left[s] = (f0 - fDown) / down;
                            central[s] = (fUp - fDown) / (up + down);
                            largest = global::System.Math.Max(largest, global::System.Math.Max(global::System.Math.Abs(fUp), global::System.Math.Abs(fDown)));
                        }
                        // The rounding error of the quotients at the smaller step: what no finite difference resolves.
                        double resolution = 16 * epsilon * largest / (h / 2);
                        double fromRight = 2 * right[1] - right[0];
                        double fromLeft = 2 * left[1] - left[0];
                        double gap = global::System.Math.Abs(fromRight - fromLeft);
                        if (!(gap <= NonSmoothTolerance * global::System.Math.Max(global::System.Math.Abs(fromRight), global::System.Math.Abs(fromLeft)) + 4 * resolution))
                        {
                            nonSmooth.Add(component);
                            continue;
                        }
                        double reference = (4 * central[1] - central[0]) / 3;
                        double value = generated[k];
                        double scale = global::System.Math.Max(global::System.Math.Max(global::System.Math.Abs(value), global::System.Math.Abs(reference)), double.Epsilon);
                        double error = global::System.Math.Max(0, global::System.Math.Abs(value - reference) - resolution) / scale;
                        if (!double.IsFinite(error))
                        {
                            error = double.PositiveInfinity;
                        }
                        if (error > worst || worstComponent.Length == 0)
                        {
                            (worst, worstComponent, worstGradient, worstReference) = (error, component, value, reference);
                        }
                    }
                }
                return new GradientCheckResult(gradient, function, sourceFile, sourceLine, worst, worstComponent, worstGradient, worstReference, tolerance, nonSmooth);
            }

            private static double ComponentOf(global::System.Array values, int i) => values is float[] single ? single[i] : ((double[])values)[i];

            private static void SetComponent(global::System.Array values, int i, double value)
            {
                if (values is float[] single)
                {
                    single[i] = (float)value;
                }
                else
                {
                    ((double[])values)[i] = value;
                }
            }

        """;
}
