using System.Text;

namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// Puts generated programs into one self-checking C file: a prelude with the Enzyme declarations and
/// <c>fuzz_verify</c>, every program's definitions and check function, and a <c>main</c> that runs the checks.
/// <para>
/// <c>fuzz_verify</c> checks, for one program: x is unchanged by the derivative calls; the primal is finite; every
/// gradient component agrees with a central difference (h = 1e-6 max(1,|x_i|)) to <see cref="FiniteDifferenceTolerance"/>
/// relative to max(1, |fd|, |g|) — when it does not, the difference is retaken with 4h, and a component whose two
/// differences disagree with each other as much is counted as non-smooth there (a branch, fmin/fmax or a loop exit
/// switches within h) and skipped rather than failed; and the dot-product identity
/// forward(v) == sum g_i v_i to <see cref="DotTolerance"/> relative to max(sum |g_i v_i|, |forward(v)|).
/// </para>
/// <para>Output: one <c>FUZZFAIL name ...</c> line per failed check, <c>FUZZSKIP name i</c> per skipped component.</para>
/// </summary>
public static class FuzzTranslationUnit
{
    public const double FiniteDifferenceTolerance = 1e-5;
    public const double DotTolerance = 1e-9;

    public static readonly string Prelude = $$"""
        #include <math.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>

        extern int enzyme_dup;
        void __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);

        static int fuzz_failed = 0;

        static double fuzz_fd(double (*f)(const double *, int), double *x, int n, int i, double h)
        {
            double saved = x[i];
            x[i] = saved + h;
            double fp = f(x, n);
            x[i] = saved - h;
            double fm = f(x, n);
            x[i] = saved;
            return (fp - fm) / (2.0 * h);
        }

        static int fuzz_close(double a, double b, double tol)
        {
            double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
            return fabs(a - b) <= tol * scale;
        }

        static void fuzz_verify(const char *name, double (*f)(const double *, int), double *x, const double *xs,
                                const double *g, const double *v, double fwd, int n)
        {
            const double tol = {{FiniteDifferenceTolerance:R}};
            int bad = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] != xs[i] && !(x[i] != x[i] && xs[i] != xs[i])) {
                    printf("FUZZFAIL %s x[%d] modified by a derivative call: %.17g -> %.17g\n", name, i, xs[i], x[i]);
                    x[i] = xs[i];
                    bad = 1;
                }
            }
            double y = f(x, n);
            if (!isfinite(y)) {
                printf("FUZZFAIL %s primal is not finite (generator bug): %g\n", name, y);
                bad = 1;
            }
            double gv = 0.0, mag = 0.0;
            for (int i = 0; i < n; i++) {
                gv += g[i] * v[i];
                mag += fabs(g[i] * v[i]);
                if (!isfinite(g[i])) {
                    printf("FUZZFAIL %s grad[%d] is not finite: %.17g\n", name, i, g[i]);
                    bad = 1;
                    continue;
                }
                double h = 1e-6 * fmax(1.0, fabs(x[i]));
                double d1 = fuzz_fd(f, x, n, i, h);
                if (fuzz_close(g[i], d1, tol)) continue;
                double d4 = fuzz_fd(f, x, n, i, 4.0 * h);
                if (fuzz_close(g[i], d4, tol)) continue;
                if (!fuzz_close(d1, d4, tol)) {
                    printf("FUZZSKIP %s %d non-smooth: reverse=%.17g fd(h)=%.17g fd(4h)=%.17g\n", name, i, g[i], d1, d4);
                    continue;
                }
                printf("FUZZFAIL %s grad[%d] reverse=%.17g fd=%.17g fd4=%.17g\n", name, i, g[i], d1, d4);
                bad = 1;
            }
            double err = fabs(fwd - gv);
            if (!(err <= {{DotTolerance:R}} * fmax(mag, fabs(fwd)) || err <= 1e-14)) {
                printf("FUZZFAIL %s dot forward(v)=%.17g grad.v=%.17g err=%.3g\n", name, fwd, gv, err);
                bad = 1;
            }
            if (bad) fuzz_failed++;
        }

        """;

    /// <summary>The complete C file for <paramref name="programs"/> (all compiled with the same flags).</summary>
    public static string Build(IReadOnlyList<GeneratedProgram> programs)
    {
        var text = new StringBuilder(Prelude.Replace("\r\n", "\n", StringComparison.Ordinal));
        foreach (GeneratedProgram program in programs)
        {
            text.Append("/* seed ").Append(program.Seed).Append(", ").Append(string.Join(' ', program.ClangFlags)).Append(" */\n");
            text.Append(program.Definitions);
            text.Append(program.Check).Append('\n');
        }
        text.Append("int main(void)\n{\n");
        foreach (GeneratedProgram program in programs)
        {
            text.Append("    ").Append(program.CheckName).Append("();\n");
        }
        text.Append("    printf(\"FUZZDONE %d failed\\n\", fuzz_failed);\n");
        text.Append("    return fuzz_failed != 0;\n}\n");
        return text.ToString();
    }
}
