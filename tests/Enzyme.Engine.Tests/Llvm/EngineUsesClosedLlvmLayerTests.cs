using System.Text.RegularExpressions;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Llvm;

/// <summary>
/// The engine talks to LLVM through the wrapper types of Enzyme.Llvm only (LlvmValue, LlvmInstruction,
/// LlvmFunction, LlvmBuilder, ...): a raw <c>LLVM.LLVM*</c> call in Engine/Engine means a wrapper is
/// missing, and belongs in Engine/Llvm instead.
/// </summary>
public sealed partial class EngineUsesClosedLlvmLayerTests
{
    [Test]
    public void EngineSourcesMakeNoRawLlvmCalls()
    {
        string engine = Path.Combine(RepositoryLayout.Root, "Engine", "Engine");
        var offending = new List<string>();
        foreach (string file in Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(RepositoryLayout.Root, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (RawCall().IsMatch(lines[i]) || RawClassImport().IsMatch(lines[i]))
                {
                    offending.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        Assert.That(offending, Is.Empty, "raw LLVM C API calls in the engine; add a wrapper member in Engine/Llvm and call that:\n" + string.Join("\n", offending));
    }

    /// <summary><c>LLVM.LLVMSomething</c>, also fully qualified (<c>Interop.LLVM.LLVM...</c>).</summary>
    [GeneratedRegex(@"\bLLVM\.LLVM[A-Za-z0-9_]*")]
    private static partial Regex RawCall();

    /// <summary><c>using static ...Interop.LLVM;</c> or an alias of it, which would hide raw calls from <see cref="RawCall"/>.</summary>
    [GeneratedRegex(@"^\s*using\b.*\bInterop\.LLVM\s*;")]
    private static partial Regex RawClassImport();
}
