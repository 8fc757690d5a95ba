using System.Text;
using System.Text.RegularExpressions;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// Reads the exported functions of a Rust crate as the C declarations their <c>extern "C"</c> ABI stands for,
/// so that the same bindings and header writers serve C and Rust. A function is exported when it has a body,
/// an <c>extern "C"</c> (or <c>"C-unwind"</c>) ABI and <c>#[no_mangle]</c> (<c>#[unsafe(no_mangle)]</c> in
/// edition 2024) or <c>#[export_name = "..."]</c>; its C name is the function's name or the export name.
/// Declarations inside <c>extern "C" { }</c> blocks import functions (the Enzyme API) and are not read.
/// Module files named by <c>mod name;</c> are read too (<c>name.rs</c>, <c>name/mod.rs</c>, or a
/// <c>#[path]</c>), since rustc compiles them into the same crate. Types map as rustc passes them:
/// <c>usize</c> is <c>size_t</c>, <c>i32</c> <c>int32_t</c>, <c>f64</c> <c>double</c>, <c>bool</c> <c>bool</c>,
/// <c>*const T</c> and <c>&amp;T</c> are <c>const T *</c>, <c>*mut T</c> and <c>&amp;mut T</c> are <c>T *</c>,
/// a pointer to anything else (a <c>#[repr(C)]</c> struct, <c>c_void</c>) is <c>void *</c>, <c>extern "C" fn</c>
/// types are function pointers. Anything else (slices, <c>Option</c>, structs by value) is described as
/// <see cref="CTypeKind.Other"/>, which the writers report and skip.
/// </summary>
public static partial class RustSignatureReader
{
    /// <summary>Whether <paramref name="path"/> names a Rust source (by its extension).</summary>
    public static bool IsRustSource(string path) => Path.GetExtension(path) == ".rs";

    /// <summary>The exported functions of the crate whose root (or module file) is <paramref name="path"/>, and of the module files it names.</summary>
    public static IReadOnlyList<CFunctionDeclaration> ReadFunctions(string path)
    {
        var functions = new List<CFunctionDeclaration>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        ReadFile(Path.GetFullPath(path), isModuleRoot: true, functions, visited);
        return functions;
    }

    /// <summary>The exported functions of one file's text, in source order (module files it names are not read).</summary>
    public static IReadOnlyList<CFunctionDeclaration> Read(string source, string file) =>
        Scan(StripCommentsAndLiterals(source), file).Functions;

    private static void ReadFile(string path, bool isModuleRoot, List<CFunctionDeclaration> functions, HashSet<string> visited)
    {
        if (!visited.Add(path) || !File.Exists(path))
        {
            return;
        }
        (List<CFunctionDeclaration> found, List<(string Name, string? PathAttribute)> modules) = Scan(StripCommentsAndLiterals(File.ReadAllText(path)), path);
        functions.AddRange(found);
        // A crate root or mod.rs looks for its modules next to itself; foo.rs looks in foo/.
        string directory = Path.GetDirectoryName(path)!;
        string childDirectory = isModuleRoot ? directory : Path.Combine(directory, Path.GetFileNameWithoutExtension(path));
        foreach ((string name, string? pathAttribute) in modules)
        {
            if (pathAttribute is not null)
            {
                ReadFile(Path.GetFullPath(Path.Combine(directory, pathAttribute)), isModuleRoot: Path.GetFileName(pathAttribute) == "mod.rs", functions, visited);
                continue;
            }
            string flat = Path.Combine(childDirectory, name + ".rs");
            if (File.Exists(flat))
            {
                ReadFile(flat, isModuleRoot: false, functions, visited);
            }
            else
            {
                ReadFile(Path.Combine(childDirectory, name, "mod.rs"), isModuleRoot: true, functions, visited);
            }
        }
    }

    private static (List<CFunctionDeclaration> Functions, List<(string Name, string? PathAttribute)> Modules) Scan(string text, string file)
    {
        var functions = new List<CFunctionDeclaration>();
        var modules = new List<(string, string?)>();
        foreach (Match module in ModuleDeclaration().Matches(text))
        {
            Match pathAttribute = PathAttribute().Match(module.Groups["attributes"].Value);
            modules.Add((module.Groups["name"].Value, pathAttribute.Success ? pathAttribute.Groups["path"].Value : null));
        }
        foreach (Match item in FunctionItem().Matches(text))
        {
            string attributes = item.Groups["attributes"].Value;
            Match exportName = ExportNameAttribute().Match(attributes);
            if (!exportName.Success && !NoMangleAttribute().IsMatch(attributes))
            {
                continue;
            }
            int open = item.Index + item.Length; // just after '('
            int close = MatchingParenthesis(text, open - 1);
            if (close < 0)
            {
                continue;
            }
            string afterParameters = text[(close + 1)..];
            Match tail = ReturnAndBody().Match(afterParameters);
            if (!tail.Success || tail.Groups["end"].Value != "{")
            {
                continue; // no body: a declaration, not an export
            }
            var parameters = new List<CParameter>();
            int index = 0;
            foreach (string parameter in SplitTopLevel(text[open..close]).Where(p => p.Length > 0))
            {
                int colon = TopLevelColon(parameter);
                string pattern = colon < 0 ? "" : parameter[..colon].Trim();
                string type = colon < 0 ? parameter : parameter[(colon + 1)..];
                string name = SimpleName().Match(pattern) is { Success: true } simple ? simple.Groups["name"].Value : $"arg{index}";
                parameters.Add(new CParameter(name == "_" ? $"arg{index}" : name, DescribeType(type)));
                index++;
            }
            string returnType = tail.Groups["ret"].Value.Trim();
            string cName = exportName.Success ? exportName.Groups["name"].Value : item.Groups["name"].Value;
            int line = 1 + text.AsSpan(0, item.Groups["name"].Index).Count('\n');
            functions.Add(new CFunctionDeclaration(cName, returnType.Length == 0 ? Void : DescribeType(returnType), parameters, false, file, line));
        }
        return (functions, modules);
    }

    /// <summary>The C type rustc passes a Rust type as, under the <c>extern "C"</c> ABI.</summary>
    public static CTypeDescription DescribeType(string rustType)
    {
        string type = Regex.Replace(rustType.Trim(), @"\s+", " ");
        // Paths to the C type aliases: std::os::raw::c_int, core::ffi::c_double, libc::size_t.
        string last = type.StartsWith('*') || type.StartsWith('&') || type.StartsWith("extern", StringComparison.Ordinal) || type.StartsWith("unsafe", StringComparison.Ordinal)
            ? type
            : type[(type.LastIndexOf("::", StringComparison.Ordinal) is var at and >= 0 ? at + 2 : 0)..];
        switch (last)
        {
            case "()":
                return Void;
            case "!":
                return Unbindable("! (never returns)");
        }
        if (Scalar(last) is { } scalar)
        {
            return scalar;
        }
        if (PointerType().Match(type) is { Success: true } pointer)
        {
            bool readOnly = pointer.Groups["kind"].Value == "*const" || (pointer.Groups["kind"].Value == "&" && !pointer.Groups["mut"].Success);
            if (PointeeType(pointer.Groups["pointee"].Value) is not { } pointee)
            {
                return Unbindable(type); // a fat pointer (slice, str, trait object): two words, not one address
            }
            if (readOnly)
            {
                pointee = pointee with { Spelling = "const " + pointee.Spelling, IsConst = true };
            }
            return new CTypeDescription(pointee.Spelling + " *", CTypeKind.Pointer, false, pointee, 8);
        }
        if (FunctionPointerType().IsMatch(type))
        {
            return new CTypeDescription("void (*)(void)", CTypeKind.FunctionPointer, false, null, 8);
        }
        return Unbindable(type);
    }

    /// <summary>
    /// What a pointer points to: a number, another pointer, the element of a fixed-size array (a pointer to
    /// <c>[f64; 3]</c> is the address of its first element), or <c>void</c> for anything C# and C see as opaque;
    /// null for an unsized pointee, whose pointer is fat.
    /// </summary>
    private static CTypeDescription? PointeeType(string rustType)
    {
        string type = rustType.Trim();
        if (FixedSizeArray().Match(type) is { Success: true } array)
        {
            type = array.Groups["element"].Value.Trim();
        }
        if (type.StartsWith('[') || type == "str" || type.StartsWith("dyn ", StringComparison.Ordinal))
        {
            return null;
        }
        CTypeDescription described = DescribeType(type);
        return described.Kind is CTypeKind.Other or CTypeKind.Struct or CTypeKind.Void ? Void : described;
    }

    private static CTypeDescription? Scalar(string name) => name switch
    {
        "f64" or "c_double" => Number("double", CTypeKind.Double, 8),
        "f32" or "c_float" => Number("float", CTypeKind.Float, 4),
        "i8" => Number("int8_t", CTypeKind.Int8, 1),
        "u8" => Number("uint8_t", CTypeKind.UInt8, 1),
        "i16" => Number("int16_t", CTypeKind.Int16, 2),
        "u16" => Number("uint16_t", CTypeKind.UInt16, 2),
        "i32" => Number("int32_t", CTypeKind.Int32, 4),
        "u32" => Number("uint32_t", CTypeKind.UInt32, 4),
        "i64" => Number("int64_t", CTypeKind.Int64, 8),
        "u64" => Number("uint64_t", CTypeKind.UInt64, 8),
        "usize" or "size_t" => Number("size_t", CTypeKind.UInt64, 8),
        "isize" or "ssize_t" or "ptrdiff_t" => Number("ptrdiff_t", CTypeKind.Int64, 8),
        "bool" => Number("bool", CTypeKind.Bool, 1),
        "c_char" or "c_schar" => Number("char", CTypeKind.Int8, 1),
        "c_uchar" => Number("unsigned char", CTypeKind.UInt8, 1),
        "c_short" => Number("short", CTypeKind.Int16, 2),
        "c_ushort" => Number("unsigned short", CTypeKind.UInt16, 2),
        "c_int" => Number("int", CTypeKind.Int32, 4),
        "c_uint" => Number("unsigned int", CTypeKind.UInt32, 4),
        "c_long" => Number("long", CTypeKind.Int64, 8),
        "c_ulong" => Number("unsigned long", CTypeKind.UInt64, 8),
        "c_longlong" => Number("long long", CTypeKind.Int64, 8),
        "c_ulonglong" => Number("unsigned long long", CTypeKind.UInt64, 8),
        "c_void" => Void,
        _ => null,
    };

    private static CTypeDescription Number(string spelling, CTypeKind kind, long size) => new(spelling, kind, false, null, size);

    private static CTypeDescription Unbindable(string what) => new(what, CTypeKind.Other, false, null, null);

    private static readonly CTypeDescription Void = new("void", CTypeKind.Void, false, null, null);

    /// <summary>
    /// Blanks comments (nested block comments included) and character literals, and the characters of string,
    /// byte-string and raw-string literals that the item patterns read (brackets, quotes, <c>#</c>, <c>;</c>, ...),
    /// keeping every newline so that line numbers stay right. Lifetimes (<c>'a</c>) are not character literals.
    /// </summary>
    internal static string StripCommentsAndLiterals(string source)
    {
        var text = new StringBuilder(source.Length);
        int i = 0;
        void Blank(int end)
        {
            for (; i < end && i < source.Length; i++)
            {
                text.Append(source[i] == '\n' ? '\n' : ' ');
            }
        }
        // String contents stay (an ABI "C", an export name, a #[path]) but lose every character the item patterns read.
        void Neutralise(int end, bool escapes)
        {
            for (; i < end && i < source.Length; i++)
            {
                if (escapes && source[i] == '\\')
                {
                    text.Append(' ');
                    i++;
                    if (i < end)
                    {
                        text.Append(source[i] == '\n' ? '\n' : ' ');
                    }
                    continue;
                }
                text.Append(source[i] is '\n' or '(' or ')' or '{' or '}' or '[' or ']' or ';' or '#' or '<' or '>' or ',' or ':' or '\'' or '&' ? (source[i] == '\n' ? '\n' : ' ') : source[i]);
            }
        }
        while (i < source.Length)
        {
            char c = source[i];
            char next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                int end = source.IndexOf('\n', i);
                Blank(end < 0 ? source.Length : end);
            }
            else if (c == '/' && next == '*')
            {
                int depth = 0, j = i;
                do
                {
                    if (j + 1 < source.Length && source[j] == '/' && source[j + 1] == '*')
                    {
                        depth++;
                        j += 2;
                    }
                    else if (j + 1 < source.Length && source[j] == '*' && source[j + 1] == '/')
                    {
                        depth--;
                        j += 2;
                    }
                    else
                    {
                        j++;
                    }
                }
                while (depth > 0 && j < source.Length);
                Blank(j);
            }
            else if ((c == 'r' || (c == 'b' && next == 'r')) && (i == 0 || !IsIdentifierCharacter(source[i - 1]))
                     && RawStringStart().Match(source[i..Math.Min(source.Length, i + 300)]) is { Success: true } raw)
            {
                string terminator = "\"" + raw.Groups["hashes"].Value;
                int end = source.IndexOf(terminator, i + raw.Length, StringComparison.Ordinal);
                text.Append(source, i, raw.Length);
                i += raw.Length;
                Neutralise(end < 0 ? source.Length : end, escapes: false);
                int stop = Math.Min(source.Length, i + terminator.Length);
                text.Append(source, i, stop - i);
                i = stop;
            }
            else if (c == '"')
            {
                text.Append('"');
                i++;
                int j = i;
                while (j < source.Length && source[j] != '"')
                {
                    j += source[j] == '\\' ? 2 : 1;
                }
                Neutralise(Math.Min(j, source.Length), escapes: true);
                if (i < source.Length)
                {
                    text.Append('"');
                    i++;
                }
            }
            else if (c == '\'' && CharacterLiteral().Match(source[i..Math.Min(source.Length, i + 12)]) is { Success: true } character)
            {
                text.Append('\'');
                i++;
                Blank(i + character.Length - 2);
                text.Append('\'');
                i++;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        return text.ToString();
    }

    private static bool IsIdentifierCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int MatchingParenthesis(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Splits on commas outside (), [], &lt;&gt; (<c>x: *const f64, f: extern "C" fn(f64, f64) -> f64</c> is two).</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '[' or '<':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case '>' when i > 0 && text[i - 1] == '-':
                    break; // the arrow of a function pointer type
                case '>':
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

    /// <summary>The ':' between a parameter's pattern and its type (not one of a path's '::').</summary>
    private static int TopLevelColon(string parameter)
    {
        for (int i = 0; i < parameter.Length; i++)
        {
            if (parameter[i] != ':')
            {
                continue;
            }
            if (i + 1 < parameter.Length && parameter[i + 1] == ':')
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    // Attributes, visibility and qualifiers before `extern "C" fn name(`.
    [GeneratedRegex(@"(?<attributes>(?:#\s*\[[^\]]*\]\s*)*)(?:pub(?:\s*\([^)]*\))?\s+)?(?:const\s+)?(?:unsafe\s+)?extern\s+(?:""(?:C|C-unwind)""\s+)?fn\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:<[^>]*>\s*)?\(")]
    private static partial Regex FunctionItem();

    [GeneratedRegex(@"^\s*(?:->\s*(?<ret>[^{;]*?))?\s*(?:where\b[^{;]*)?(?<end>[{;])")]
    private static partial Regex ReturnAndBody();

    [GeneratedRegex(@"#\s*\[\s*(?:unsafe\s*\(\s*)?no_mangle\s*\)?\s*\]")]
    private static partial Regex NoMangleAttribute();

    [GeneratedRegex(@"#\s*\[\s*(?:unsafe\s*\(\s*)?export_name\s*=\s*""(?<name>[^""]*)""")]
    private static partial Regex ExportNameAttribute();

    [GeneratedRegex(@"(?<attributes>(?:#\s*\[[^\]]*\]\s*)*)(?:pub(?:\s*\([^)]*\))?\s+)?mod\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*;")]
    private static partial Regex ModuleDeclaration();

    [GeneratedRegex(@"#\s*\[\s*path\s*=\s*""(?<path>[^""]*)""")]
    private static partial Regex PathAttribute();

    [GeneratedRegex(@"^(?:mut\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex SimpleName();

    [GeneratedRegex(@"^(?<kind>\*const|\*mut|&)\s*(?:'[A-Za-z_][A-Za-z0-9_]*\s+)?(?<mut>mut\s+)?(?<pointee>.+)$")]
    private static partial Regex PointerType();

    [GeneratedRegex(@"^(?:unsafe\s+)?extern\s+""C(?:-unwind)?""\s+fn\s*\(")]
    private static partial Regex FunctionPointerType();

    [GeneratedRegex(@"^\[(?<element>[^;]+);[^\]]+\]$")]
    private static partial Regex FixedSizeArray();

    [GeneratedRegex(@"^b?r(?<hashes>#*)""")]
    private static partial Regex RawStringStart();

    [GeneratedRegex(@"^'(?:[^'\\\n]|\\(?:[nrt0\\'""]|x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]{1,6}\}))'")]
    private static partial Regex CharacterLiteral();
}
