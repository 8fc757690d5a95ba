using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Enzyme.Cli;

/// <summary>
/// The arguments of a <c>NAME_check</c> method for each point a <see cref="GradientCheckRequest"/> gives.
/// <c>CheckPoints</c>: points separated by <c>;</c>, each the primal's arguments in order, separated by
/// spaces or commas, arrays in brackets: <c>[1.2, -0.5] 2; [0, 0] 2</c>. <c>CheckRange="lo,hi"</c>:
/// one point with numbers drawn uniformly (seeded), array lengths and integers from <c>CheckSizes</c>
/// (<c>n=8</c>; a pointer's length also follows from <c>Sizes</c>, <c>x=n</c>).
/// </summary>
public static partial class CheckPointBuilder
{
    public static List<(string Text, object[] Arguments)> Build(GradientCheckRequest request, IReadOnlyList<ParameterInfo> parameters)
    {
        var points = new List<(string, object[])>();
        foreach (string point in request.Points.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            List<string> tokens = [.. Token().Matches(point).Select(m => m.Value)];
            if (tokens.Count != parameters.Count)
            {
                throw new FormatException($"CheckPoints '{point}' gives {tokens.Count} value(s) but the function has {parameters.Count} parameter(s) ({string.Join(", ", parameters.Select(p => p.Name))})");
            }
            points.Add((point, [.. parameters.Select((p, i) => Parse(tokens[i], p))]));
        }
        if (request.Range.Length > 0)
        {
            points.Add(RandomPoint(request, parameters));
        }
        if (points.Count == 0)
        {
            throw new FormatException("the EnzymeGradient item has neither CheckPoints nor CheckRange metadata");
        }
        return points;
    }

    private static (string, object[]) RandomPoint(GradientCheckRequest request, IReadOnlyList<ParameterInfo> parameters)
    {
        double[] bounds = [.. request.Range.Split(',', StringSplitOptions.TrimEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
        if (bounds.Length != 2 || !(bounds[0] < bounds[1]))
        {
            throw new FormatException($"CheckRange '{request.Range}' is not 'low,high' with low < high");
        }
        Dictionary<string, string> values = Pairs(request.CheckSizes, "CheckSizes");
        Dictionary<string, string> sizes = Pairs(request.Sizes, "Sizes");
        var random = new Random(request.Seed);
        string Lookup(string name, string what) =>
            values.TryGetValue(name, out string? v) ? v
            : sizes.TryGetValue(name, out string? count) && values.TryGetValue(count, out v) ? v
            : throw new FormatException($"CheckRange needs {what} of '{name}': add '{name}=…' to CheckSizes");
        var arguments = new object[parameters.Count];
        var text = new List<string>();
        for (int i = 0; i < parameters.Count; i++)
        {
            ParameterInfo p = parameters[i];
            Type type = p.ParameterType;
            string token;
            if (type.IsArray)
            {
                int length = int.Parse(Lookup(p.Name!, "the length"), CultureInfo.InvariantCulture);
                token = "[" + string.Join(",", Enumerable.Range(0, length).Select(_ => Draw(random, bounds, type.GetElementType()!))) + "]";
            }
            else if (type == typeof(double) || type == typeof(float))
            {
                token = Draw(random, bounds, type);
            }
            else
            {
                token = Lookup(p.Name!, "the value");
            }
            arguments[i] = Parse(token, p);
            text.Add(token);
        }
        return ($"CheckRange {request.Range} seed {request.Seed}: {string.Join(" ", text)}", arguments);
    }

    private static string Draw(Random random, double[] bounds, Type element) =>
        element == typeof(double) || element == typeof(float)
            ? (bounds[0] + (bounds[1] - bounds[0]) * random.NextDouble()).ToString("R", CultureInfo.InvariantCulture)
            : throw new FormatException($"CheckRange cannot draw {element.Name} values: give CheckPoints");

    private static Dictionary<string, string> Pairs(string text, string what)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] sides = pair.Split('=', StringSplitOptions.TrimEntries);
            if (sides.Length != 2)
            {
                throw new FormatException($"{what} '{text}': '{pair}' is not name=value");
            }
            pairs[sides[0]] = sides[1];
        }
        return pairs;
    }

    private static object Parse(string token, ParameterInfo parameter)
    {
        Type type = parameter.ParameterType;
        if (!type.IsArray)
        {
            return Scalar(token, type, parameter.Name!);
        }
        if (!token.StartsWith('[') || !token.EndsWith(']'))
        {
            throw new FormatException($"'{parameter.Name}' is an array: write its values in brackets, e.g. [1, 2.5]");
        }
        string[] items = token[1..^1].Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Type element = type.GetElementType()!;
        var array = Array.CreateInstance(element, items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            array.SetValue(Scalar(items[i], element, parameter.Name!), i);
        }
        return array;
    }

    private static object Scalar(string token, Type type, string name)
    {
        try
        {
            if (type == typeof(nuint))
            {
                return (nuint)ulong.Parse(token, CultureInfo.InvariantCulture);
            }
            if (type == typeof(nint))
            {
                return (nint)long.Parse(token, CultureInfo.InvariantCulture);
            }
            return Convert.ChangeType(double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture), type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw new FormatException($"'{token}' is not a {type.Name} value for '{name}'");
        }
    }

    /// <summary>A bracketed array or a number, between spaces and commas.</summary>
    [GeneratedRegex(@"\[[^\]]*\]|[^\s,\[\]]+")]
    private static partial Regex Token();
}
