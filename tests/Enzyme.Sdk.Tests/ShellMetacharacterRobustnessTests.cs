using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// EnzymeSource Defines and AdditionalOptions full of shell syntax (quotes, <c>$(…)</c>, backticks,
/// <c>&amp;&amp;</c>, <c>|</c>, <c>&gt;</c>, <c>$HOME</c>, a ';' written %3B) reach clang literally, as
/// arguments of a process started without a shell: the library spells the macros' values back
/// character by character, and the gradient is scaled by their length and by a numeric define.
/// </summary>
[TestFixture]
public sealed class ShellMetacharacterRobustnessTests
{
    // In the project file: '$(' must be written %24( (MSBuild would expand it as a property) and a ';'
    // inside one define %3B (a bare ';' separates defines); everything else is as a user types it.
    private const string SourceItem = """
        <EnzymeSource Update="native/message.c"
                      Defines="MSG=&quot;a b&quot;;CMD=%24(echo hi)`uname`;SEMI=1%3B2"
                      AdditionalOptions="-DTAG=&quot;x &amp;&amp; y `z` $HOME | w &gt; v&quot; -DSCALE=3" />
        """;

    /// <summary>MSG is a string literal; CMD, SEMI and TAG are stringified, which keeps their tokens and spacing.</summary>
    private const string ExpectedMessage = "a b|$(echo hi)`uname`|1;2|x && y `z` $HOME | w > v";

    private const string KernelSource = """
        {DECLARATIONS}
        #ifndef TAG
        /* AdditionalOptions reach the compile, not the bindings' parse of the declarations; should
           they not reach the compile either, the message and the gradient below show it. */
        #define TAG unset
        #define SCALE 0
        #endif
        #define STR(x) #x
        #define XSTR(x) STR(x)
        static const char message[] = MSG "|" XSTR(CMD) "|" XSTR(SEMI) "|" XSTR(TAG);

        int message_char(int i) { return i >= 0 && i < (int)sizeof message ? (unsigned char)message[i] : -1; }

        double weighted(double x) { return SCALE * (double)(sizeof message - 1) * x * x; }

        double weighted_grad(double x) { return __enzyme_autodiff((void *)weighted, enzyme_out, x); }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using System.Text;
        using Sandbox.Native;

        var message = new StringBuilder();
        for (int i = 0; Meta.message_char(i) > 0; i++)
        {
            message.Append((char)Meta.message_char(i));
        }
        Console.WriteLine("message=" + message);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"weighted_grad={Meta.weighted_grad(2.0):R}"));
        """;

    [Test]
    public void DefinesAndOptionsWithShellSyntax_ArePassedToClangLiterally()
    {
        using var sandbox = new DotnetSandbox("shell-meta");
        sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "meta", "Meta", extraItems: SourceItem));
        sandbox.WriteFile("app/native/message.c", KernelSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        sandbox.WriteFile("app/Program.cs", ProgramSource);

        ProcessResult build = sandbox.Build("app");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        ProcessResult run = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        Match message = Regex.Match(run.StandardOutput, "^message=(?<text>.*?)\r?$", RegexOptions.Multiline);
        Assert.That(message.Success, Is.True, run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(message.Groups["text"].Value, Is.EqualTo(ExpectedMessage));
            // d/dx SCALE·len·x² at 2 = 4·SCALE·len, SCALE = 3.
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "weighted_grad"), 4.0 * 3 * ExpectedMessage.Length, 1e-15, "gradient scaled by the defines");
        });
    }
}
