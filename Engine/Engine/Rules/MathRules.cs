using Enzyme.Llvm;

namespace Enzyme.Engine.Rules;

/// <summary>
/// The table of derivative rules for the C math library and LLVM's math intrinsics, keyed by
/// base name. <see cref="TryFind"/> maps <c>sin</c>, <c>sinf</c>, <c>sinl</c> and
/// <c>llvm.sin.*</c> to the same entry.
/// </summary>
public static class MathRules
{
    private static readonly Dictionary<string, DerivativeRule> Rules = BuildTable();

    /// <summary>LLVM intrinsic base names that mean the same as a C function.</summary>
    private static readonly Dictionary<string, string> IntrinsicAliases = new()
    {
        ["fmuladd"] = "fma",
        ["minnum"] = "fmin",
        ["minimum"] = "fmin",
        ["minimumnum"] = "fmin",
        ["maxnum"] = "fmax",
        ["maximum"] = "fmax",
        ["maximumnum"] = "fmax",
    };

    public static IEnumerable<DerivativeRule> All => Rules.Values;

    public static bool TryGet(string baseName, out DerivativeRule rule) => Rules.TryGetValue(baseName, out rule!);

    /// <summary>
    /// Finds the rule for a callee: an intrinsic (<c>llvm.cos.f64</c>, <c>llvm.powi.f64.i32</c>)
    /// or a C library name with an optional <c>f</c>/<c>l</c> suffix (<c>cosf</c>, <c>erfl</c>).
    /// </summary>
    public static bool TryFind(string calleeName, bool isIntrinsic, out DerivativeRule rule)
    {
        if (isIntrinsic)
        {
            string rest = calleeName.StartsWith("llvm.", StringComparison.Ordinal) ? calleeName[5..] : calleeName;
            if (rest.StartsWith("nvvm.", StringComparison.Ordinal))
            {
                // NVPTX's own math intrinsics are not overloaded: the whole name is the key.
                return Rules.TryGetValue(rest, out rule!);
            }
            int dot = rest.IndexOf('.');
            string baseName = dot < 0 ? rest : rest[..dot];
            baseName = IntrinsicAliases.GetValueOrDefault(baseName, baseName);
            return Rules.TryGetValue(baseName, out rule!);
        }
        if (Rules.TryGetValue(calleeName, out rule!))
        {
            return true;
        }
        if (calleeName.Length > 1 && calleeName[^1] is 'f' or 'l' && Rules.TryGetValue(calleeName[..^1], out rule!))
        {
            return true;
        }
        rule = null!;
        return false;
    }

    private static Dictionary<string, DerivativeRule> BuildTable()
    {
        double ln2 = Math.Log(2.0), ln10 = Math.Log(10.0), twoOverSqrtPi = 2.0 / Math.Sqrt(Math.PI);
        var table = new Dictionary<string, DerivativeRule>(StringComparer.Ordinal);
        void Add(string name, int arity, Func<RuleContext, LlvmValue?[]> partials) => table.Add(name, new DerivativeRule(name, arity, partials));
        void Constant(string name, int arity) => table.Add(name, new DerivativeRule(name, arity, _ => new LlvmValue?[arity], IsPiecewiseConstant: true));

        // The GPU's approximate float functions (what CUDA's __sinf, __expf, ... compile to), with
        // derivatives from the same approximations so that none needs a libdevice the machine lacks.
        foreach (string ftz in new[] { "", "ftz." })
        {
            string sin = $"nvvm.sin.approx.{ftz}f", cos = $"nvvm.cos.approx.{ftz}f";
            Add(sin, 1, c => [c.Call(cos, c.X)]);
            Add(cos, 1, c => [c.Neg(c.Call(sin, c.X))]);
            Add($"nvvm.ex2.approx.{ftz}f", 1, c => [c.Mul(c.Result, c.Const(ln2))]);
            Add($"nvvm.lg2.approx.{ftz}f", 1, c => [c.Reciprocal(c.Mul(c.X, c.Const(ln2)))]);
        }
        // LLVM 22 overloads the non-ftz ex2 approximation on its type: __nvvm_ex2_approx_f becomes llvm.nvvm.ex2.approx.f32.
        Add("nvvm.ex2.approx.f32", 1, c => [c.Mul(c.Result, c.Const(ln2))]);
        Add("sin", 1, c => [c.Call("cos", c.X)]);
        Add("cos", 1, c => [c.Neg(c.Call("sin", c.X))]);
        Add("tan", 1, c => [c.Add(c.One, c.Square(c.Result))]);
        Add("asin", 1, c => [c.Reciprocal(c.Sqrt(c.Sub(c.One, c.Square(c.X))))]);
        Add("acos", 1, c => [c.Neg(c.Reciprocal(c.Sqrt(c.Sub(c.One, c.Square(c.X)))))]);
        Add("atan", 1, c => [c.Reciprocal(c.Add(c.One, c.Square(c.X)))]);
        Add("atan2", 2, c =>
        {
            LlvmValue norm = c.Add(c.Square(c.X), c.Square(c.Y));
            return [c.Div(c.Y, norm), c.Neg(c.Div(c.X, norm))];
        });
        Add("sinh", 1, c => [c.Call("cosh", c.X)]);
        Add("cosh", 1, c => [c.Call("sinh", c.X)]);
        Add("tanh", 1, c => [c.Sub(c.One, c.Square(c.Result))]);
        Add("asinh", 1, c => [c.Reciprocal(c.Sqrt(c.Add(c.Square(c.X), c.One)))]);
        Add("acosh", 1, c => [c.Reciprocal(c.Sqrt(c.Sub(c.Square(c.X), c.One)))]);
        Add("atanh", 1, c => [c.Reciprocal(c.Sub(c.One, c.Square(c.X)))]);
        Add("exp", 1, c => [c.Result]);
        Add("exp2", 1, c => [c.Mul(c.Result, c.Const(ln2))]);
        Add("exp10", 1, c => [c.Mul(c.Result, c.Const(ln10))]);
        Add("expm1", 1, c => [c.Add(c.Result, c.One)]);
        Add("log", 1, c => [c.Reciprocal(c.X)]);
        Add("log2", 1, c => [c.Reciprocal(c.Mul(c.X, c.Const(ln2)))]);
        Add("log10", 1, c => [c.Reciprocal(c.Mul(c.X, c.Const(ln10)))]);
        Add("log1p", 1, c => [c.Reciprocal(c.Add(c.One, c.X))]);
        Add("sqrt", 1, c => [c.Div(c.Const(0.5), c.Result)]);
        Add("cbrt", 1, c => [c.Reciprocal(c.Mul(c.Const(3.0), c.Square(c.Result)))]);
        Add("pow", 2, c => [
            c.Mul(c.Y, c.Call("pow", c.X, c.Sub(c.Y, c.One))),
            c.Mul(c.Result, c.Call("log", c.X))]);
        Add("powi", 2, c =>
        {
            // x^n with integer n: n·x^(n-1).
            LlvmValue n = c.Y;
            LlvmValue nMinusOne = c.Emitter.Builder.Add(n, LlvmValue.ConstInt(n.Type, -1));
            LlvmValue power = c.Emitter.Intrinsic("powi", [c.X, nMinusOne], [c.Type, n.Type]);
            LlvmValue nAsFloat = c.FromInteger(n);
            return [c.Mul(nAsFloat, power), null];
        });
        Add("hypot", 2, c => [c.Div(c.X, c.Result), c.Div(c.Y, c.Result)]);
        Add("fabs", 1, c => [c.Call("copysign", c.One, c.X)]);
        Add("fmin", 2, c =>
        {
            LlvmValue tookX = c.Equal(c.Result, c.X);
            return [c.Indicator(tookX), c.Sub(c.One, c.Indicator(tookX))];
        });
        table.Add("fmax", table["fmin"] with { Name = "fmax" });
        Add("copysign", 2, c => [c.Mul(c.Call("copysign", c.One, c.X), c.Call("copysign", c.One, c.Y)), null]);
        Add("fma", 3, c => [c.Arguments[1], c.Arguments[0], c.One]);
        Add("fmod", 2, c => [c.One, c.Neg(c.Call("trunc", c.Div(c.X, c.Y)))]);
        Add("remainder", 2, c => [c.One, c.Neg(c.Call("roundeven", c.Div(c.X, c.Y)))]);
        Add("erf", 1, c => [c.Mul(c.Const(twoOverSqrtPi), c.Call("exp", c.Neg(c.Square(c.X))))]);
        Add("erfc", 1, c => [c.Mul(c.Const(-twoOverSqrtPi), c.Call("exp", c.Neg(c.Square(c.X))))]);
        Add("tgamma", 1, c => [c.Mul(c.Result, c.Digamma(c.X))]);
        Add("lgamma", 1, c => [c.Digamma(c.X)]);
        Add("ldexp", 2, c =>
        {
            // x·2^n: the derivative in x is 2^n.
            LlvmValue n = c.Y;
            return [c.Emitter.Intrinsic("ldexp", [c.One, n], [c.Type, n.Type]), null];
        });
        foreach (string name in new[] { "floor", "ceil", "trunc", "round", "rint", "nearbyint", "roundeven" })
        {
            Constant(name, 1);
        }
        return table;
    }
}
