using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using static Enzyme.Engine.Tests.Rules.MathRuleSampling;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// The dot-product test between the modes for every entry of <see cref="MathRules"/>: at the points the property
/// tests sample, for a random direction v and a random adjoint seed w, ⟨J·v, w⟩ from forward mode must equal
/// ⟨v, Jᵀ·w⟩ from reverse mode to round-off. One module per form holds both modes twice: the scalar function
/// (forward tangent, and the enzyme_out gradient scaled by w) and the pointer kernel (enzyme_dup in both modes,
/// where w seeds the shadow of the result; vector forms give it one entry per lane). Unlike the comparison with
/// finite differences this leaves no truncation error, so the tolerance is a few units of round-off.
/// </summary>
public sealed class MathRuleDotProductTests : MathRuleFormFixture
{
    private const MathRuleEntryPoints BothModes =
        MathRuleEntryPoints.ForwardTangent | MathRuleEntryPoints.ReverseGradient | MathRuleEntryPoints.KernelForward | MathRuleEntryPoints.KernelReverse;

    // ---- The check ----

    /// <summary>
    /// Relative to Σ|v_i·(Jᵀw)_i|. Double and x86_fp80 compute both sides in at least double precision; float
    /// rounds v and w to float on the way in, so each side carries a few float ulps.
    /// </summary>
    private static double RoundOffTolerance(FloatKind kind) => kind == FloatKind.Float ? 1e-6 : 1e-12;

    private protected override void CheckForm(string rule, MathRuleSpec spec, MathRuleForm form)
    {
        using var jit = new LlvmJit();
        CompiledMathRuleModule compiled = MathRuleModules.Compile(jit, spec, form, BothModes);
        int arity = spec.Arity;
        int lanes = form.Lanes;
        double tolerance = RoundOffTolerance(form.Kind);
        string what = MathRuleModules.Describe(form);
        List<double[]> points = Samples(spec, RandomFor(rule)).ToList();
        Assert.That(points, Has.Count.EqualTo(Points), $"{what}: could not sample enough points in the domain");
        Random directions = RandomFor(rule, 2);

        void Agree(double forward, double reverse, double scale, string message)
        {
            if (spec.PiecewiseConstant)
            {
                Assert.That(forward, Is.EqualTo(0.0), message);
                Assert.That(reverse, Is.EqualTo(0.0), message);
                return;
            }
            Assert.That(double.IsFinite(forward) && double.IsFinite(reverse), Is.True, message);
            Assert.That(scale, Is.GreaterThan(0.0), $"test bug: {message} (every term is zero, so the check could not fail)");
            Assert.That(forward, Is.EqualTo(reverse).Within(tolerance * scale), message);
        }

        for (int p = 0; p < points.Count; p++)
        {
            double[] x = points[p];

            // The scalar function: ⟨J·v, w⟩ = w·df(x; v) and ⟨v, Jᵀ·w⟩ = Σ v_i·(w·∂f/∂x_i).
            double[] v = RandomVector(directions, arity);
            double w = RandomVector(directions, 1)[0];
            double tangent = compiled.Tangent(x, v);
            double[] gradient = compiled.Gradient(x);
            double forward = tangent * w, reverse = 0, scale = 0;
            for (int i = 0; i < arity; i++)
            {
                reverse += v[i] * (w * gradient[i]);
                scale += Math.Abs(v[i] * w * gradient[i]);
            }
            Agree(forward, reverse, scale,
                $"{what} (enzyme_out) at ({Format(x)}), v = ({Format(v)}), w = {w:R}: ⟨J·v, w⟩ = {forward:R}, ⟨v, Jᵀ·w⟩ = {reverse:R}");

            // The kernel: lane k at the k-th of consecutive samples; v over every argument of every lane, w over the lanes.
            double[][] lanePoints = Enumerable.Range(0, lanes).Select(k => points[(p + k) % points.Count]).ToArray();
            double[] kernelArguments = compiled.KernelArguments(lanePoints);
            double[] kernelDirection = RandomVector(directions, compiled.KernelInputs);
            double[] kernelSeed = RandomVector(directions, compiled.KernelOutputs);
            double[] jv = compiled.KernelTangent(kernelArguments, kernelDirection);
            double[] jtw = compiled.KernelAdjoint(kernelArguments, kernelSeed);
            double kernelForward = 0, kernelReverse = 0, kernelScale = 0;
            for (int k = 0; k < jv.Length; k++)
            {
                kernelForward += jv[k] * kernelSeed[k];
            }
            for (int j = 0; j < jtw.Length; j++)
            {
                kernelReverse += kernelDirection[j] * jtw[j];
                kernelScale += Math.Abs(kernelDirection[j] * jtw[j]);
            }
            Agree(kernelForward, kernelReverse, kernelScale,
                $"{what} (enzyme_dup kernel) at ({Format(kernelArguments)}), v = ({Format(kernelDirection)}), w = ({Format(kernelSeed)}): " +
                $"J·v = ({Format(jv)}), Jᵀ·w = ({Format(jtw)})");
        }
    }
}
