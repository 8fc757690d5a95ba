using System.Text;
using Enzyme.Llvm.Interop.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// A C file could not be parsed: either libclang itself failed (<see cref="ErrorCode"/> is not
/// <see cref="CXErrorCode.CXError_Success"/>, and there are no diagnostics because there is no unit),
/// or it parsed but clang reported errors, which <see cref="Diagnostics"/> lists and the message repeats.
/// </summary>
public sealed class ClangParseException : Exception
{
    public ClangParseException(string fileName, CXErrorCode errorCode, IReadOnlyList<ClangDiagnostic> diagnostics)
        : base(DescribeFailure(fileName, errorCode, diagnostics))
    {
        FileName = fileName;
        ErrorCode = errorCode;
        Diagnostics = diagnostics;
    }

    /// <summary>The file that was being parsed (a virtual name for in-memory sources).</summary>
    public string FileName { get; }

    /// <summary>What <c>clang_parseTranslationUnit2</c> returned.</summary>
    public CXErrorCode ErrorCode { get; }

    /// <summary>The diagnostics that caused the failure (errors and fatal errors).</summary>
    public IReadOnlyList<ClangDiagnostic> Diagnostics { get; }

    private static string DescribeFailure(string fileName, CXErrorCode errorCode, IReadOnlyList<ClangDiagnostic> diagnostics)
    {
        if (errorCode != CXErrorCode.CXError_Success)
        {
            return $"libclang could not parse '{fileName}' ({errorCode}); check that the file exists and the compiler arguments are valid.";
        }
        var message = new StringBuilder($"clang reported {diagnostics.Count} error(s) in '{fileName}':");
        foreach (ClangDiagnostic diagnostic in diagnostics)
        {
            message.AppendLine().Append("  ").Append(diagnostic.Text);
        }
        return message.ToString();
    }
}
