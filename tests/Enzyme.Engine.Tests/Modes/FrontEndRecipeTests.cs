using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// The engine optimises what it differentiates whatever the front end did (docs/optimisation-before-ad.md):
/// one program, compiled by each recipe a user might use, must differentiate to the same gradient. The
/// program has what each recipe leaves differently: a loop plain -O2 vectorises (with a runtime-unrolled
/// remainder), a reduction, a helper clang -O0 marks noinline, and a loop with a data-dependent exit.
/// The executable checks reverse mode against closed forms and forward mode (dot-product test).
/// </summary>
public sealed class FrontEndRecipeTests
{
    private const string Program = """
        #include <math.h>
        #include <stdio.h>
        extern int enzyme_dup, enzyme_const;
        void __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);

        static double soft(double v) { return v / (1.0 + fabs(v)); }

        double objective(const double *x, double *y, int n) {
            for (int i = 0; i < n; i++) y[i] = x[i] * x[i] + 0.5 * x[i];
            double s = 0;
            for (int i = 0; i < n; i++) s += soft(y[i]) * x[(i + 1) % n];
            double p = 1;
            for (int i = 0; x[i] > -0.9 && i < n; i++) p *= 1.0 + 0.1 * x[i];
            return s + p;
        }

        /* d/dx of the objective by central differences, the reference. */
        static double fd(double *x, double *y, int n, int k) {
            double h = 1e-6, keep = x[k];
            x[k] = keep + h; double up = objective(x, y, n);
            x[k] = keep - h; double down = objective(x, y, n);
            x[k] = keep;
            return (up - down) / (2 * h);
        }

        int main(void) {
            enum { N = 37 };
            double x[N], dx[N] = {0}, y[N], dy[N] = {0}, v[N], tangent_y[N];
            for (int i = 0; i < N; i++) { x[i] = 0.3 + 0.05 * ((i * 7) % 11) - 0.2; v[i] = 0.1 * ((i * 5) % 7) - 0.3; }
            for (int round = 0; round < 3; round++) { /* repeated calls reuse the caches' homes */
                for (int i = 0; i < N; i++) { dx[i] = 0; dy[i] = 0; }
                __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
                for (int k = 0; k < N; k++) {
                    double expected = fd(x, y, N, k);
                    if (fabs(dx[k] - expected) > 1e-6 * (1 + fabs(expected))) {
                        printf("round %d dx[%d] = %.17g, central differences %.17g\n", round, k, dx[k], expected);
                        return 1;
                    }
                }
            }
            double jv = __enzyme_fwddiff((void *)objective, enzyme_dup, x, v, enzyme_dup, y, tangent_y, enzyme_const, N);
            double vjt = 0;
            for (int i = 0; i < N; i++) vjt += v[i] * dx[i];
            if (fabs(jv - vjt) > 1e-12 * (1 + fabs(jv))) { printf("dot product: %.17g vs %.17g\n", jv, vjt); return 1; }
            printf("ok\n");
            return 0;
        }
        """;

    public static IEnumerable<TestCaseData> Recipes()
    {
        yield return new TestCaseData((object)new[] { "-O2", "-g", "-fno-vectorize", "-fno-slp-vectorize", "-mllvm", "-unroll-runtime=false", "-mllvm", "-unroll-allow-partial=false" }).SetArgDisplayNames("sdk");
        yield return new TestCaseData((object)new[] { "-O2" }).SetArgDisplayNames("O2");
        yield return new TestCaseData((object)new[] { "-O3", "-march=x86-64-v3" }).SetArgDisplayNames("O3-avx2");
        yield return new TestCaseData((object)new[] { "-O2", "-Xclang", "-disable-llvm-passes" }).SetArgDisplayNames("O2-disable-llvm-passes");
        yield return new TestCaseData((object)new[] { "-O0", "-Xclang", "-disable-O0-optnone" }).SetArgDisplayNames("O0");
        yield return new TestCaseData((object)new[] { "-O0" }).SetArgDisplayNames("O0-optnone");
    }

    [TestCaseSource(nameof(Recipes))]
    public void EveryRecipeGivesTheSameCheckedGradient(string[] flags)
    {
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcodeWith(directory, "recipe", Program, flags);
        string objectFile = directory.File("recipe.o");
        EnzymeAdRun run = EnzymeAdRun.Invoke(bitcode, "-O2", "-o", objectFile);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        Assert.That(run.StandardError, Does.Not.Contain("ENZ5001"), "every vectorised loop of this program has a scalar remainder");
        string executable = ClangCompiler.LinkExecutable(directory, objectFile, "recipe");
        ProcessResult result = ProcessRunner.Run(executable, []);
        Assert.That(result.ExitCode, Is.Zero, result.StandardOutput + result.StandardError);
        Assert.That(result.StandardOutput.Trim(), Is.EqualTo("ok"));
    }

    /// <summary>A loop vectorised with no scalar path left (a trip count LoopVectorize proved a multiple of the vector
    /// width): differentiated as vector code, correctly, with one warning line naming the flags to use.</summary>
    [Test]
    public void VectorLoopWithoutScalarRemainderWarnsENZ5001()
    {
        const string source = """
            extern int enzyme_dup;
            void __enzyme_autodiff(void *, ...);
            void square_1024(const double *restrict x, double *restrict y) {
                for (int i = 0; i < 1024; i++) y[i] = x[i] * x[i];
            }
            void gradient(const double *x, double *dx, double *y, double *dy) {
                __enzyme_autodiff((void *)square_1024, enzyme_dup, x, dx, enzyme_dup, y, dy);
            }
            """;
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcodeWith(directory, "fixed", source, ["-O2"]);
        EnzymeAdRun run = EnzymeAdRun.Invoke(bitcode, "-O2", "-o", directory.File("fixed.o"));
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("enzyme-ad: warning ENZ5001:").And.Contain("'square_1024'").And.Contain("-fno-vectorize"));
        Assert.That(File.Exists(directory.File("fixed.o")), Is.True);
    }
}
