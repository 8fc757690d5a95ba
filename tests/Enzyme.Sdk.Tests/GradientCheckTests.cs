using System.Globalization;
using System.Text.RegularExpressions;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// The built-in gradient check: the generated <c>NAME_check</c> methods (called by the program) and
/// <c>dotnet build -p:EnzymeCheckGradients=true</c> (item metadata <c>CheckPoints</c>, <c>CheckRange</c>,
/// <c>CheckSizes</c>, <c>Sizes</c>). Correct gradients pass in double and float, forward and reverse mode;
/// <c>cube</c>'s registered custom gradient is deliberately wrong (2x² for 3x²) and is caught by both with
/// the component and both values; <c>fabs</c> at 0 is reported as a non-smooth point, not as a failure.
/// </summary>
[TestFixture]
public sealed class GradientCheckTests
{
    private const string Gradients = """
        <EnzymeGradient Include="energy" Activity="dup,const" Sizes="x=n" CheckPoints="[0.3, -1.2, 2.5] 3" CheckRange="-2,2" CheckSizes="n=5" />
        <EnzymeGradient Include="energyf" Activity="dup,const" CheckPoints="[0.3, -1.2, 2.5] 3" />
        <EnzymeGradient Include="scaled" Mode="Forward" Activity="dup,dup,const" CheckPoints="[0.3, -1.2] 0.7 2" />
        <EnzymeGradient Include="scaled" Activity="dup,out,const" Name="scaled_grad" CheckPoints="[0.3, -1.2] 0.7 2" />
        <EnzymeGradient Include="cubesum" Activity="dup,const" CheckPoints="[0.5, 1.5] 2" />
        <EnzymeGradient Include="abssum" Activity="dup,const" CheckPoints="[0.0, 1.5] 2" />
        """;

    private const string Functions = """
        #include <math.h>
        #include <stddef.h>

        double energy(const double *x, size_t n)
        {
            double s = 0.0;
            for (size_t i = 0; i < n; i++) s += x[i] * x[i] * sin(x[i]);
            return s;
        }

        float energyf(const float *x, int n)
        {
            float s = 0.0f;
            for (int i = 0; i < n; i++) s += x[i] * x[i] * sinf(x[i]);
            return s;
        }

        double scaled(const double *x, double a, int n)
        {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += exp(a * x[i]);
            return s;
        }

        double abssum(const double *x, int n)
        {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += fabs(x[i]) + x[i] * x[i];
            return s;
        }
        """;

    private const string WrongCustomGradient = """
        #include <math.h>
        /* cube(x) = x^3 with a deliberately wrong registered gradient: 2x^2 instead of 3x^2. */
        static double (*volatile pow_ptr)(double, double) = pow;
        __attribute__((noinline)) double cube(double x) { return pow_ptr(x, 3.0); }
        double cube_aug(double x) { return x * x * x; }
        typedef struct { double dx; } CubeAdjoint;
        CubeAdjoint cube_rev(double x, double d_r) { return (CubeAdjoint){2.0 * x * x * d_r}; }
        void *__enzyme_register_gradient_cube[3] = {(void *)cube, (void *)cube_aug, (void *)cube_rev};

        double cubesum(const double *x, int n)
        {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += cube(x[i]);
            return s;
        }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        void Print(string key, Checks.GradientCheckResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{key}: passed={r.Passed} error={r.WorstRelativeError:R} component={r.WorstComponent} gradient={r.GradientValue:R} fd={r.FiniteDifferenceValue:R} nonsmooth={string.Join("+", r.NonSmoothComponents)} file={Path.GetFileName(r.SourceFile)}"));
        Print("energy", Checks.energy_grad_check([0.3, -1.2, 2.5], 3));
        Print("energyf", Checks.energyf_grad_check([0.3f, -1.2f, 2.5f], 3));
        Print("forward", Checks.scaled_fwddiff_check([0.3, -1.2], 0.7, 2));
        Print("reverse_out", Checks.scaled_grad_check([0.3, -1.2], 0.7, 2));
        Print("cube", Checks.cubesum_grad_check([0.5, 1.5], 2));
        Print("abs", Checks.abssum_grad_check([0.0, 1.5], 2));
        try
        {
            Checks.energy_grad_check([1.0, 2.0], 3);
        }
        catch (ArgumentException e)
        {
            Console.WriteLine($"size_mismatch: {e.ParamName}");
        }
        """;

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;
    private ProcessResult _run = null!;
    private ProcessResult _check = null!;

    [OneTimeSetUp]
    public void BuildRunAndCheckOnce()
    {
        _sandbox = new DotnetSandbox("gradient-check");
        _sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, "checks", "Checks", extraItems: Gradients));
        _sandbox.WriteFile("app/native/checks.c", Functions);
        _sandbox.WriteFile("app/native/wrong.c", WrongCustomGradient);
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        _build = _sandbox.Build("app");
        _run = _build.ExitCode == 0 ? _sandbox.Dotnet("app", "run", "--no-build") : _build;
        _check = _sandbox.Dotnet("app", "build", "-nologo", "-v:m", "-p:EnzymeCheckGradients=true");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void CheckMethods_PassCorrectGradientsInBothModesAndPrecisions()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
        Assert.Multiple(() =>
        {
            foreach (string key in new[] { "energy", "energyf", "forward", "reverse_out" })
            {
                Dictionary<string, string> r = Line(key);
                Assert.That(r["passed"], Is.EqualTo("True"), $"{key}: {_run.StandardOutput}");
                Assert.That(r["nonsmooth"], Is.Empty, key);
            }
            // d/dx0 of x²sin x at 0.3 = 2·0.3·sin 0.3 + 0.09·cos 0.3, from the generated gradient and the differences.
            double exact = 2 * 0.3 * Math.Sin(0.3) + 0.09 * Math.Cos(0.3);
            Assert.That(Number("energy", "gradient"), Is.EqualTo(exact).Within(1e-14));
            Assert.That(Number("energy", "fd"), Is.EqualTo(exact).Within(1e-9));
            Assert.That(Number("energyf", "fd"), Is.EqualTo(exact).Within(1e-3), "float: differences at float's resolution");
            // d/dx0 of Σ exp(a·x) at x0 = 0.3, a = 0.7 in both modes.
            Assert.That(Number("forward", "gradient"), Is.EqualTo(0.7 * Math.Exp(0.21)).Within(1e-14));
            Assert.That(Number("reverse_out", "gradient"), Is.EqualTo(0.7 * Math.Exp(0.21)).Within(1e-14));
        });
    }

    [Test]
    public void CheckMethod_CatchesTheWrongCustomGradient()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
        Dictionary<string, string> r = Line("cube");
        Assert.Multiple(() =>
        {
            Assert.That(r["passed"], Is.EqualTo("False"));
            Assert.That(r["component"], Is.EqualTo("x[1]"), "the worst component: 3·1.5² vs 2·1.5²");
            Assert.That(Number("cube", "gradient"), Is.EqualTo(2 * 1.5 * 1.5).Within(1e-14), "the registered (wrong) gradient");
            Assert.That(Number("cube", "fd"), Is.EqualTo(3 * 1.5 * 1.5).Within(1e-8), "finite differences give the true 3x²");
            Assert.That(Number("cube", "error"), Is.EqualTo(1.0 / 3).Within(1e-6));
            Assert.That(r["file"], Is.EqualTo("wrong.c"));
        });
    }

    [Test]
    public void CheckMethod_ReportsAbsAtZeroAsNonSmooth()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
        Dictionary<string, string> r = Line("abs");
        Assert.Multiple(() =>
        {
            Assert.That(r["nonsmooth"], Is.EqualTo("x[0]"));
            Assert.That(r["passed"], Is.EqualTo("True"), "a kink is not a failure");
            Assert.That(Number("abs", "gradient"), Is.EqualTo(1 + 2 * 1.5).Within(1e-14), "x[1], smooth, is still compared");
        });
    }

    [Test]
    public void CheckMethod_RejectsASpanThatDisagreesWithItsSizeParameter()
    {
        Assert.That(_run.StandardOutput, Does.Contain("size_mismatch: x"), _run.ToString());
    }

    [Test]
    public void BuildCheck_FailsWithOneLinePerWrongGradient()
    {
        Assert.That(_build.ExitCode, Is.Zero, "the plain build passes: the check runs only when asked for\n" + _build);
        Assert.That(_check.ExitCode, Is.Not.Zero, _check.ToString());
        string[] errors = [.. Distinct(_check.StandardOutput, "error ENZ4060")];
        Assert.That(errors, Has.Length.EqualTo(1), _check.ToString());
        Match line = Regex.Match(errors[0], @"wrong\.c\(10\): error ENZ4060: gradient 'cubesum_grad' of 'cubesum' is wrong: component x\[1\]: generated (?<g>\S+), finite differences (?<fd>\S+) ");
        Assert.That(line.Success, Is.True, errors[0]);
        Assert.Multiple(() =>
        {
            Assert.That(double.Parse(line.Groups["g"].Value, CultureInfo.InvariantCulture), Is.EqualTo(4.5).Within(1e-14));
            Assert.That(double.Parse(line.Groups["fd"].Value, CultureInfo.InvariantCulture), Is.EqualTo(6.75).Within(1e-8));
            Assert.That(_check.StandardOutput, Does.Not.Contain("error ENZ4061"));
        });
    }

    [Test]
    public void BuildCheck_ReportsTheNonSmoothPointAsAWarningAndPassesTheOthers()
    {
        string[] warnings = [.. Distinct(_check.StandardOutput, "warning ENZ4062")];
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Has.Length.EqualTo(1), _check.ToString());
            Assert.That(warnings.FirstOrDefault(), Does.Contain("checks.c(").And.Contain("'abssum_grad'").And.Contain("x[0] at '[0.0, 1.5] 2'"));
            foreach (string gradient in new[] { "energy_grad", "energyf_grad", "scaled_fwddiff", "scaled_grad", "abssum_grad" })
            {
                Assert.That(_check.StandardOutput, Does.Match($"gradient '{gradient}' of '\\w+' passed"), gradient);
            }
            Assert.That(_check.StandardOutput, Does.Contain("'energy_grad' of 'energy' passed 2 point(s)"), "CheckPoints and the CheckRange point");
        });
    }

    private static IEnumerable<string> Distinct(string output, string marker) =>
        output.Split('\n').Where(l => l.Contains(marker, StringComparison.Ordinal)).Select(l => l.Trim()).Distinct();

    private Dictionary<string, string> Line(string key)
    {
        string? line = _run.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, $"no '{key}:' line in\n{_run}");
        return Regex.Matches(line!, @"(\w+)=(\S*)").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    private double Number(string key, string field) => double.Parse(Line(key)[field], NumberStyles.Float, CultureInfo.InvariantCulture);
}
