using System.Text;
using System.Text.RegularExpressions;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// Reads the <c>bind(c)</c> subroutines and functions of a Fortran source as the C declarations their
/// interoperable interfaces stand for, so that the same bindings writer serves C and Fortran. A
/// <c>value</c> dummy is the scalar itself; an array or a scalar passed by reference is a pointer to its
/// element type, <c>const</c> when the dummy is <c>intent(in)</c>; the function result is the return
/// value; the C name is the binding label (<c>name='...'</c>) or the lower-case procedure name. Dummies
/// that pass a descriptor in C (assumed-shape, allocatable, pointer) have no plain C type: they are
/// described as <see cref="CTypeKind.Other"/>, which the writer reports and skips. Procedures inside
/// <c>interface</c> blocks declare functions implemented elsewhere and are not read.
/// </summary>
public static partial class FortranInterfaceReader
{
    private static readonly HashSet<string> FortranExtensions = new(StringComparer.Ordinal)
    {
        ".f", ".for", ".f90", ".f95", ".f03", ".f08", ".F", ".FOR", ".F90", ".F95", ".F03", ".F08",
    };

    private static readonly HashSet<string> FixedFormExtensions = new(StringComparer.Ordinal) { ".f", ".for", ".F", ".FOR" };

    /// <summary>Whether <paramref name="path"/> names a Fortran source (by its extension).</summary>
    public static bool IsFortranSource(string path) => FortranExtensions.Contains(Path.GetExtension(path));

    public static IReadOnlyList<CFunctionDeclaration> ReadFunctions(string path) =>
        Read(File.ReadAllText(path), path, FixedFormExtensions.Contains(Path.GetExtension(path)));

    /// <summary>The <c>bind(c)</c> procedures of <paramref name="source"/>, in source order.</summary>
    public static IReadOnlyList<CFunctionDeclaration> Read(string source, string file, bool fixedForm = false)
    {
        var functions = new List<CFunctionDeclaration>();
        List<(string Text, int Line)> statements = fixedForm ? FixedFormStatements(source) : FreeFormStatements(source);
        int interfaceDepth = 0;
        for (int i = 0; i < statements.Count; i++)
        {
            string statement = statements[i].Text;
            if (InterfaceStart().IsMatch(statement))
            {
                interfaceDepth++;
                continue;
            }
            if (InterfaceEnd().IsMatch(statement))
            {
                interfaceDepth = Math.Max(0, interfaceDepth - 1);
                continue;
            }
            if (interfaceDepth > 0 || ProcedureStart().Match(statement) is not { Success: true } start)
            {
                continue;
            }
            Match binding = BindC().Match(start.Groups["rest"].Value);
            if (!binding.Success)
            {
                continue;
            }
            var declarations = new Dictionary<string, FortranDummyDeclaration>(StringComparer.OrdinalIgnoreCase);
            int j = i + 1;
            for (; j < statements.Count && !ProcedureBodyEnd().IsMatch(statements[j].Text); j++)
            {
                ReadDeclaration(statements[j].Text, declarations);
            }
            functions.Add(Describe(start, binding, declarations, file, statements[i].Line));
            i = j;
        }
        return functions;
    }

    private static CFunctionDeclaration Describe(Match start, Match binding, Dictionary<string, FortranDummyDeclaration> declarations, string file, int line)
    {
        string procedure = start.Groups["name"].Value;
        string label = binding.Groups["label"].Success ? binding.Groups["label"].Value.Trim() : procedure.ToLowerInvariant();
        var parameters = new List<CParameter>();
        foreach (string dummy in SplitTopLevel(start.Groups["args"].Value).Where(a => a.Length > 0))
        {
            FortranDummyDeclaration declaration = declarations.GetValueOrDefault(dummy) ?? FortranDummyDeclaration.Implicit(dummy);
            parameters.Add(new CParameter(dummy, ParameterType(declaration)));
        }
        CTypeDescription returnType = Void;
        if (start.Groups["kind"].Value.Equals("function", StringComparison.OrdinalIgnoreCase))
        {
            Match result = ResultClause().Match(start.Groups["rest"].Value);
            string resultName = result.Success ? result.Groups["name"].Value : procedure;
            FortranDummyDeclaration declaration = declarations.GetValueOrDefault(resultName)
                ?? (start.Groups["type"].Success && start.Groups["type"].Value.Length > 0
                    ? new FortranDummyDeclaration(resultName, start.Groups["type"].Value, start.Groups["typekind"].Value, [], null)
                    : FortranDummyDeclaration.Implicit(resultName));
            returnType = declaration.IsArray || declaration.PassesDescriptor ? Unbindable("array result") : Scalar(declaration);
        }
        return new CFunctionDeclaration(label, returnType, parameters, false, file, line);
    }

    private static CTypeDescription ParameterType(FortranDummyDeclaration declaration)
    {
        if (declaration.PassesDescriptor)
        {
            return Unbindable($"{declaration.Name}: assumed-shape, allocatable or pointer dummy (a CFI descriptor)");
        }
        CTypeDescription element = Scalar(declaration);
        if (declaration.HasAttribute("value") && !declaration.IsArray)
        {
            return element;
        }
        bool readOnly = declaration.Intent == "in";
        CTypeDescription pointee = readOnly ? element with { Spelling = "const " + element.Spelling, IsConst = true } : element;
        return new CTypeDescription(pointee.Spelling + " *", CTypeKind.Pointer, false, pointee, 8);
    }

    /// <summary>The C type of one element of a declaration (its type and kind).</summary>
    private static CTypeDescription Scalar(FortranDummyDeclaration declaration)
    {
        string type = Regex.Replace(declaration.Type.ToLowerInvariant(), @"\s+", " ");
        string kind = declaration.Kind.ToLowerInvariant().Replace("kind=", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return type switch
        {
            "double precision" => Number("double", CTypeKind.Double, 8),
            "real" => kind switch
            {
                "" or "4" or "c_float" => Number("float", CTypeKind.Float, 4),
                "8" or "c_double" => Number("double", CTypeKind.Double, 8),
                _ => Unbindable($"real({declaration.Kind})"),
            },
            "integer" => kind switch
            {
                "" or "4" or "c_int" or "c_int32_t" => Number("int", CTypeKind.Int32, 4),
                "8" or "c_long" or "c_long_long" or "c_int64_t" => Number("int64_t", CTypeKind.Int64, 8),
                "c_size_t" => Number("size_t", CTypeKind.UInt64, 8),
                "c_intptr_t" => Number("intptr_t", CTypeKind.Int64, 8),
                "c_ptrdiff_t" => Number("ptrdiff_t", CTypeKind.Int64, 8),
                "2" or "c_short" or "c_int16_t" => Number("short", CTypeKind.Int16, 2),
                "1" or "c_signed_char" or "c_int8_t" => Number("int8_t", CTypeKind.Int8, 1),
                _ => Unbindable($"integer({declaration.Kind})"),
            },
            "logical" => kind is "c_bool" ? Number("bool", CTypeKind.Bool, 1) : Number("int", CTypeKind.Int32, 4),
            "character" => Number("char", CTypeKind.Int8, 1),
            "type" when kind is "c_ptr" => new CTypeDescription("void *", CTypeKind.Pointer, false, Void, 8),
            _ => Unbindable($"{declaration.Type}({declaration.Kind})"),
        };
    }

    private static CTypeDescription Number(string spelling, CTypeKind kind, long size) => new(spelling, kind, false, null, size);

    private static CTypeDescription Unbindable(string what) => new(what, CTypeKind.Other, false, null, null);

    private static readonly CTypeDescription Void = new("void", CTypeKind.Void, false, null, null);

    /// <summary>Records the entities of a type declaration statement (<c>real(c_double), intent(in) :: x(n), y</c>).</summary>
    private static void ReadDeclaration(string statement, Dictionary<string, FortranDummyDeclaration> declarations)
    {
        Match match = TypeDeclaration().Match(statement);
        if (!match.Success)
        {
            return;
        }
        string type = match.Groups["type"].Value;
        string kind = match.Groups["kind"].Value;
        string[] attributes = SplitTopLevel(match.Groups["attributes"].Value.TrimStart(',')).Where(a => a.Length > 0).ToArray();
        string? dimension = attributes
            .Select(a => DimensionAttribute().Match(a))
            .FirstOrDefault(m => m.Success)?.Groups["shape"].Value;
        foreach (string entity in SplitTopLevel(match.Groups["entities"].Value))
        {
            Match parts = Entity().Match(entity);
            if (!parts.Success)
            {
                continue;
            }
            string name = parts.Groups["name"].Value;
            string? shape = parts.Groups["shape"].Success ? parts.Groups["shape"].Value : dimension;
            declarations[name] = new FortranDummyDeclaration(name, type, kind, attributes, shape);
        }
    }

    /// <summary>Free form: <c>!</c> comments, <c>&amp;</c> continuations, <c>;</c> separated statements.</summary>
    private static List<(string Text, int Line)> FreeFormStatements(string source)
    {
        var statements = new List<(string, int)>();
        var current = new StringBuilder();
        int startLine = 0;
        string[] lines = source.Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = StripComment(lines[number - 1].TrimEnd('\r')).Trim();
            if (current.Length == 0)
            {
                startLine = number;
            }
            if (line.StartsWith('&'))
            {
                line = line[1..];
            }
            bool continues = line.EndsWith('&');
            current.Append(continues ? line[..^1] : line).Append(' ');
            if (!continues)
            {
                foreach (string part in SplitOutsideQuotes(current.ToString(), ';'))
                {
                    if (part.Trim().Length > 0)
                    {
                        statements.Add((part.Trim(), startLine));
                    }
                }
                current.Clear();
            }
        }
        return statements;
    }

    /// <summary>Fixed form: comment lines start with C, c, * or !; a character in column 6 continues the previous line.</summary>
    private static List<(string Text, int Line)> FixedFormStatements(string source)
    {
        var statements = new List<(string Text, int Line)>();
        string[] lines = source.Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1].TrimEnd('\r');
            if (line.Length == 0 || line[0] is 'c' or 'C' or '*' or '!')
            {
                continue;
            }
            string body = line.Length > 6 ? StripComment(line[6..Math.Min(line.Length, 72)]) : "";
            bool continuation = line.Length > 5 && line[5] is not ' ' and not '0';
            if (continuation && statements.Count > 0)
            {
                statements[^1] = (statements[^1].Text + " " + body.Trim(), statements[^1].Line);
            }
            else if (body.Trim().Length > 0)
            {
                statements.Add((body.Trim(), number));
            }
        }
        return statements;
    }

    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '!')
            {
                return line[..i];
            }
        }
        return line;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text, char separator)
    {
        char quote = '\0';
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == separator)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    /// <summary>Splits on commas that are not inside parentheses (<c>x(n, m), y</c> is two entities).</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }

    [GeneratedRegex(@"^(abstract\s+)?interface\b", RegexOptions.IgnoreCase)]
    private static partial Regex InterfaceStart();

    [GeneratedRegex(@"^end\s*interface\b", RegexOptions.IgnoreCase)]
    private static partial Regex InterfaceEnd();

    [GeneratedRegex(@"^(?:(?:pure|impure|elemental|recursive|non_recursive|module)\s+)*(?:(?<type>double\s+precision|real|integer|logical)\s*(?:\(\s*(?<typekind>[^)]*)\))?\s+)?(?<kind>subroutine|function)\s+(?<name>[a-z_][a-z0-9_]*)\s*(?:\((?<args>[^)]*)\))?(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex ProcedureStart();

    [GeneratedRegex(@"\bbind\s*\(\s*c\s*(?:,\s*name\s*=\s*(?<q>['""])(?<label>[^'""]*)\k<q>\s*)?\)", RegexOptions.IgnoreCase)]
    private static partial Regex BindC();

    [GeneratedRegex(@"\bresult\s*\(\s*(?<name>[a-z_][a-z0-9_]*)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ResultClause();

    [GeneratedRegex(@"^(contains\b|end\s*$|end\s*(subroutine|function)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ProcedureBodyEnd();

    [GeneratedRegex(@"^(?<type>double\s+precision|real|integer|logical|character|type)\s*(?:\(\s*(?<kind>[^)]*)\))?\s*(?:(?<attributes>(?:,[^:]*)?)::|(?=[a-z]))\s*(?<entities>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^dimension\s*\((?<shape>.*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex DimensionAttribute();

    [GeneratedRegex(@"^(?<name>[a-z_][a-z0-9_]*)\s*(?:\((?<shape>.*)\))?\s*(?:=.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Entity();
}
