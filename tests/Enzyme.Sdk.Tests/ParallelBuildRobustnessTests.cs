using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// Four projects compiling the same two C files, each into its own library with its own SCALE,
/// built together with <c>dotnet build -m</c>: every project's gradient carries its own SCALE (no
/// project picked up another's bitcode or library), and every file a tool wrote is inside the
/// obj/ folder of the project that wrote it, never next to the shared sources.
/// </summary>
[TestFixture]
public sealed class ParallelBuildRobustnessTests
{
    private const int ProjectCount = 4;
    private const double Point = 1.5;

    private const string ModelSource = """
        /* Shared by all four projects; SCALE comes from each project's EnzymeDefines. */
        {DECLARATIONS}
        #ifndef SCALE
        #error SCALE must be defined by the project
        #endif
        double cube(double x);

        double model(double x) { return SCALE * cube(x); }

        double model_grad(double x) { return __enzyme_autodiff((void *)model, enzyme_out, x); }
        """;

    private const string CubeSource = """
        double cube(double x) { return x * x * x; }
        """;

    private const string ProgramSource = """
        using System.Globalization;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grad={Sandbox.P{K}.Model{K}.model_grad(1.5):R}"));
        """;

    [Test]
    public void FourProjectsSharingSources_BuildInParallel_EachWithItsOwnCorrectLibrary()
    {
        using var sandbox = new DotnetSandbox("parallel");
        sandbox.WriteFile("shared/model.c", ModelSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile("shared/cube.c", CubeSource);
        string[] sharedBefore = Directory.GetFiles(sandbox.PathOf("shared")).Order(StringComparer.Ordinal).ToArray();
        var solution = new System.Text.StringBuilder("<Solution>\n");
        for (int k = 1; k <= ProjectCount; k++)
        {
            string project = ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, $"model{k}", $"Model{k}", bindingsNamespace: $"Sandbox.P{k}")
                .Replace("native/*.c", "../shared/*.c")
                .Replace("</PropertyGroup>", $"  <EnzymeDefines>SCALE={k}.0</EnzymeDefines>\n  </PropertyGroup>");
            sandbox.WriteFile($"p{k}/P{k}.csproj", project);
            sandbox.WriteFile($"p{k}/Program.cs", ProgramSource.Replace("{K}", k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            solution.Append($"  <Project Path=\"p{k}/P{k}.csproj\" />\n");
        }
        sandbox.WriteFile("all.slnx", solution.Append("</Solution>\n").ToString());

        ProcessResult build = sandbox.Build(".", "all.slnx", "-m:4");

        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.Multiple(() =>
        {
            for (int k = 1; k <= ProjectCount; k++)
            {
                ProcessResult run = sandbox.Dotnet($"p{k}", Path.Combine("bin", "Debug", "net10.0", $"P{k}.dll"));
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                // d/dx SCALE·x³ = 3·SCALE·x².
                OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "grad"), 3.0 * k * Point * Point, 1e-15, $"project p{k} (SCALE={k})");
                string bitcodeFolder = Path.Combine(sandbox.PathOf($"p{k}"), "obj");
                Assert.That(Directory.GetFiles(bitcodeFolder, "*.bc", SearchOption.AllDirectories).Select(Path.GetFileName),
                    Has.Exactly(1).Matches<string>(n => n.EndsWith("model.c.bc", StringComparison.Ordinal))
                        .And.Exactly(1).Matches<string>(n => n.EndsWith("cube.c.bc", StringComparison.Ordinal)),
                    $"p{k} compiles both shared sources into its own obj/");
            }

            Assert.That(Directory.GetFiles(sandbox.PathOf("shared")).Order(StringComparer.Ordinal), Is.EqualTo(sharedBefore),
                "nothing may be written next to the shared sources");
            string[] written = WrittenPaths(build.StandardOutput).ToArray();
            Assert.That(written, Has.Length.GreaterThanOrEqualTo(ProjectCount * 5), "the log shows every -o/-MF of clang and enzyme-ad:\n" + build.StandardOutput);
            foreach (string path in written)
            {
                int owners = Enumerable.Range(1, ProjectCount).Count(k => path.StartsWith(sandbox.PathOf($"p{k}/obj/"), StringComparison.Ordinal));
                Assert.That(owners, Is.EqualTo(1), $"{path} is not inside exactly one project's obj/ folder");
            }
            Assert.That(written, Is.Unique, "two tool runs wrote the same path");
        });
    }

    /// <summary>The paths after <c>-o</c>, <c>-MF</c> and <c>--c-header</c> on every tool command line the build logged.</summary>
    private static IEnumerable<string> WrittenPaths(string log) =>
        Regex.Matches(log, @"(?:^|\s)(?:-o|-MF|--c-header) (?:'(?<path>[^']*)'|(?<path>\S+))", RegexOptions.Multiline)
            .Select(match => match.Groups["path"].Value);
}
