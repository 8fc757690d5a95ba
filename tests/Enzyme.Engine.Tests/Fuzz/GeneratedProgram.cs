namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// One generated program: <see cref="Definitions"/> holds the static helpers and the differentiated function
/// <c>double Name(const double *x, int n)</c>; <see cref="Check"/> is a <c>static void CheckName(void)</c> that
/// differentiates it in reverse and forward mode and verifies the results (see <see cref="FuzzTranslationUnit"/>
/// for the shared checking code). The seed alone determines everything, including the clang level.
/// </summary>
public sealed record GeneratedProgram(
    ulong Seed,
    string Name,
    string CheckName,
    string Level,
    bool DebugInfo,
    int Length,
    string Definitions,
    string Check)
{
    /// <summary>The clang flags the program's translation unit is compiled with (besides -emit-llvm -c).</summary>
    public IReadOnlyList<string> ClangFlags => DebugInfo ? [Level, "-g"] : [Level];

    /// <summary>Programs that share a translation unit must share this key.</summary>
    public string BatchKey => DebugInfo ? Level + " -g" : Level;

    /// <summary>The program alone as a complete C file (prelude, program, main).</summary>
    public string ToStandaloneSource() => FuzzTranslationUnit.Build([this]);

    /// <summary>The same program with other definitions (used by the reducer).</summary>
    public GeneratedProgram WithDefinitions(string definitions) => this with { Definitions = definitions };
}
