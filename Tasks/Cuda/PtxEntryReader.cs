using System.Globalization;

namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>
/// Reads the <c>.entry</c> declarations (kernels) of a PTX module: names and parameter lists,
/// in file order. Function bodies, <c>.func</c> device functions and performance directives
/// (<c>.maxntid</c>, <c>.reqntid</c>, …) are skipped. Pure C#, so the MSBuild node loads no LLVM.
/// </summary>
public static class PtxEntryReader
{
    public static IReadOnlyList<PtxKernel> ReadFile(string path) => Read(File.ReadAllText(path));

    /// <exception cref="PtxFormatException">An <c>.entry</c> declaration is malformed.</exception>
    public static IReadOnlyList<PtxKernel> Read(string ptx)
    {
        ArgumentNullException.ThrowIfNull(ptx);
        IReadOnlyList<PtxToken> tokens = PtxTokenizer.Tokenize(ptx);
        var kernels = new List<PtxKernel>();
        int depth = 0;
        int index = 0;
        while (index < tokens.Count)
        {
            string text = tokens[index].Text;
            if (text == "{")
            {
                depth++;
            }
            else if (text == "}")
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && text == ".entry")
            {
                PtxKernel? kernel = ReadEntry(tokens, ref index);
                if (kernel is not null)
                {
                    kernels.Add(kernel);
                }
                continue;
            }
            index++;
        }
        return kernels;
    }

    // On entry tokens[index] is ".entry"; on exit index is at the body's '{' (or past a ';').
    // Returns null for a declaration without a body, which is not a kernel of this module.
    private static PtxKernel? ReadEntry(IReadOnlyList<PtxToken> tokens, ref int index)
    {
        PtxToken entry = tokens[index++];
        PtxToken name = Expect(tokens, index++, entry.Line, "a kernel name after .entry");
        if (!IsIdentifier(name.Text))
        {
            throw new PtxFormatException(name.Line, $"'{name.Text}' is not a PTX identifier (after .entry).");
        }
        var parameters = new List<PtxParameter>();
        if (index < tokens.Count && tokens[index].Text == "(")
        {
            index++;
            if (Peek(tokens, index) == ")")
            {
                index++;
            }
            else
            {
                while (true)
                {
                    parameters.Add(ReadParameter(tokens, ref index, name.Text));
                    PtxToken separator = Expect(tokens, index++, name.Line, $"',' or ')' in the parameters of {name.Text}");
                    if (separator.Text == ")")
                    {
                        break;
                    }
                    if (separator.Text != ",")
                    {
                        throw new PtxFormatException(separator.Line, $"expected ',' or ')' in the parameters of {name.Text}, found '{separator.Text}'.");
                    }
                }
            }
        }
        // Performance directives (.maxntid 256, 1, 1 …) sit between the parameters and the body.
        while (index < tokens.Count && tokens[index].Text is not ("{" or ";"))
        {
            if (tokens[index].Text == ".entry")
            {
                throw new PtxFormatException(tokens[index].Line, $"the .entry {name.Text} has no body.");
            }
            index++;
        }
        if (index >= tokens.Count)
        {
            throw new PtxFormatException(name.Line, $"the .entry {name.Text} has no body.");
        }
        if (tokens[index].Text == ";")
        {
            index++;
            return null;
        }
        return new PtxKernel(name.Text, parameters, entry.Line);
    }

    private static PtxParameter ReadParameter(IReadOnlyList<PtxToken> tokens, ref int index, string kernelName)
    {
        PtxToken start = Expect(tokens, index++, 0, $"a parameter of {kernelName}");
        if (start.Text != ".param")
        {
            throw new PtxFormatException(start.Line, $"expected .param in the parameters of {kernelName}, found '{start.Text}'.");
        }
        string? type = null;
        bool isPointer = false;
        string stateSpace = "";
        int alignment = 0;
        PtxToken token;
        while ((token = Expect(tokens, index++, start.Line, $"a parameter name in {kernelName}")).Text.StartsWith('.'))
        {
            string attribute = token.Text[1..];
            if (attribute == "ptr")
            {
                isPointer = true;
            }
            else if (attribute == "align")
            {
                alignment = ReadInteger(tokens, index++, token.Line, ".align");
            }
            else if (PtxTypes.PointerStateSpaces.Contains(attribute) && isPointer)
            {
                stateSpace = attribute;
            }
            else if (PtxTypes.IsType(attribute) && type is null)
            {
                type = attribute;
            }
            else
            {
                throw new PtxFormatException(token.Line, $"unsupported attribute '{token.Text}' on a parameter of {kernelName}.");
            }
        }
        if (type is null)
        {
            throw new PtxFormatException(token.Line, $"the parameter '{token.Text}' of {kernelName} has no type.");
        }
        if (!IsIdentifier(token.Text))
        {
            throw new PtxFormatException(token.Line, $"'{token.Text}' is not a PTX identifier (a parameter of {kernelName}).");
        }
        int arrayLength = 0;
        if (Peek(tokens, index) == "[")
        {
            arrayLength = ReadInteger(tokens, index + 1, token.Line, $"the array length of {token.Text}");
            if (arrayLength <= 0 || Peek(tokens, index + 2) != "]")
            {
                throw new PtxFormatException(token.Line, $"the array parameter {token.Text} of {kernelName} needs a positive length in [].");
            }
            index += 3;
        }
        return new PtxParameter(token.Text, type, arrayLength, isPointer, stateSpace, alignment);
    }

    private static int ReadInteger(IReadOnlyList<PtxToken> tokens, int index, int line, string what)
    {
        PtxToken token = Expect(tokens, index, line, $"a number for {what}");
        return int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new PtxFormatException(token.Line, $"expected a number for {what}, found '{token.Text}'.");
    }

    private static PtxToken Expect(IReadOnlyList<PtxToken> tokens, int index, int line, string what) =>
        index < tokens.Count
            ? tokens[index]
            : throw new PtxFormatException(tokens.Count > 0 ? tokens[^1].Line : line, $"the PTX ends where {what} was expected.");

    private static string? Peek(IReadOnlyList<PtxToken> tokens, int index) => index < tokens.Count ? tokens[index].Text : null;

    // PTX identifiers: [a-zA-Z][a-zA-Z0-9_$]* or [_$%][a-zA-Z0-9_$]+.
    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || text.Contains('.') || char.IsAsciiDigit(text[0]))
        {
            return false;
        }
        return char.IsAsciiLetter(text[0]) || text.Length > 1;
    }
}
