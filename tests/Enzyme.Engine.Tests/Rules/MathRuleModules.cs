using System.Globalization;
using System.Text;
using Enzyme.Engine.Modes;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// Builds, differentiates and JIT-compiles the tiny modules the math-rule property tests run. Every module
/// defines <c>f</c> (the call in the form's type, double in and out) and <c>reference</c> (the same call in
/// double, for finite differences), plus the derivative entry points asked for:
/// <list type="bullet">
/// <item><c>df</c>: <c>__enzyme_fwddiff(f, x0, d0, …)</c>, the tangent of f.</item>
/// <item><c>grad</c>: <c>__enzyme_autodiff(f, enzyme_out x0, …)</c>, the gradient of f stored to a buffer.</item>
/// <item><c>kernel_fwd</c>/<c>kernel_rev</c>: both modes of <c>kernel(x, y)</c>, which loads its arguments from
/// x and stores the result to y (one per lane), with x and y enzyme_dup, so that the adjoint seed of y is free.</item>
/// </list>
/// </summary>
internal static class MathRuleModules
{
    /// <summary>Builds the module, runs the engine on it, checks it, optimises it and adds it to <paramref name="jit"/>.</summary>
    public static CompiledMathRuleModule Compile(LlvmJit jit, MathRuleSpec spec, MathRuleForm form, MathRuleEntryPoints entries)
    {
        string ir = Build(spec, form, entries, jit.TargetTriple, jit.DataLayout);
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ir, "rule-" + form.Name);
        Assert.That(module.Verify(), Is.Null, "test bug: the input module is invalid:\n" + ir);

        int replaced = new DifferentiationEngine(module).Run();
        Assert.That(replaced, Is.EqualTo(EntryPointCount(entries)), $"differentiation requests replaced in the module for {Callee(form)}");
        string? broken = module.Verify();
        Assert.That(broken, Is.Null, $"the differentiated module is invalid for {Callee(form)}:\n{broken}\n{module.PrintToString()}");
        module.RunPasses("default<O2>");
        Assert.That(module.Verify(), Is.Null);

        jit.AddModule(module);
        return new CompiledMathRuleModule(jit, spec, form, entries);
    }

    /// <summary>The callee: a C name (made sinf/sinl for other types) or an intrinsic name with its type suffixes.</summary>
    public static string Callee(MathRuleForm form, FloatKind? kindOverride = null, bool scalar = false)
    {
        FloatKind kind = kindOverride ?? form.Kind;
        if (form.Intrinsic)
        {
            if (form.Vector && !scalar)
            {
                return form.Name switch { "powi" => "llvm.powi.v2f64.i32", "ldexp" => "llvm.ldexp.v2f64.v2i32", _ => $"llvm.{form.Name}.v2f64" };
            }
            string suffix = kind switch { FloatKind.Double => "f64", FloatKind.Float => "f32", _ => "f80" };
            return form.HasIntegerArgument ? $"llvm.{form.Name}.{suffix}.i32" : $"llvm.{form.Name}.{suffix}";
        }
        return kind switch { FloatKind.Double => form.Name, FloatKind.Float => form.Name + "f", _ => form.Name + "l" };
    }

    /// <summary>What a failure message calls the form: the callee and the integer argument, if any.</summary>
    public static string Describe(MathRuleForm form) =>
        $"{Callee(form)}{(form.IntegerArgument != 0 ? $" with n={form.IntegerArgument}" : "")}";

    private static int EntryPointCount(MathRuleEntryPoints entries) =>
        Enum.GetValues<MathRuleEntryPoints>().Count(e => e != MathRuleEntryPoints.None && entries.HasFlag(e));

    private static string Build(MathRuleSpec spec, MathRuleForm form, MathRuleEntryPoints entries, string triple, string dataLayout)
    {
        int arity = spec.Arity;
        bool hasInteger = form.HasIntegerArgument;
        var ir = new StringBuilder();
        ir.AppendLine($"target datalayout = \"{dataLayout}\"");
        ir.AppendLine($"target triple = \"{triple}\"");
        ir.AppendLine();
        if (form.Vector)
        {
            ir.Append(VectorFunction(Callee(form), form, arity));
            ir.Append(Declare(FloatKind.Double, Callee(form, scalar: true), arity, hasInteger));
            ir.Append(Function("reference", FloatKind.Double, Callee(form, scalar: true), arity, hasInteger, form.IntegerArgument, declare: false, times: 2));
        }
        else
        {
            ir.Append(Function("f", form.Kind, Callee(form), arity, hasInteger, form.IntegerArgument));
            if (form.Kind != FloatKind.Double)
            {
                ir.Append(Declare(FloatKind.Double, Callee(form, FloatKind.Double), arity, hasInteger));
            }
            ir.Append(Function("reference", FloatKind.Double, Callee(form, FloatKind.Double), arity, hasInteger, form.IntegerArgument, declare: false));
        }

        bool forward = entries.HasFlag(MathRuleEntryPoints.ForwardTangent) || entries.HasFlag(MathRuleEntryPoints.KernelForward);
        bool reverse = entries.HasFlag(MathRuleEntryPoints.ReverseGradient) || entries.HasFlag(MathRuleEntryPoints.KernelReverse);
        bool kernel = entries.HasFlag(MathRuleEntryPoints.KernelForward) || entries.HasFlag(MathRuleEntryPoints.KernelReverse);
        if (forward)
        {
            // Declared with the scalar tangent's type; the kernel's call site states its own (void) type.
            ir.AppendLine("declare double @__enzyme_fwddiff(ptr, ...)");
            ir.AppendLine();
        }
        if (reverse)
        {
            ir.AppendLine("declare void @__enzyme_autodiff(ptr, ...)");
            ir.AppendLine();
        }
        if (entries.HasFlag(MathRuleEntryPoints.ForwardTangent))
        {
            ir.Append(ForwardTangentFunction(arity));
        }
        if (entries.HasFlag(MathRuleEntryPoints.ReverseGradient))
        {
            ir.Append(ReverseGradientFunction(arity));
        }
        if (kernel)
        {
            ir.AppendLine("@enzyme_dup = external global i32");
            ir.AppendLine();
            ir.Append(Kernel(form, arity));
            if (entries.HasFlag(MathRuleEntryPoints.KernelForward))
            {
                ir.Append(KernelDerivative("kernel_fwd", "__enzyme_fwddiff"));
            }
            if (entries.HasFlag(MathRuleEntryPoints.KernelReverse))
            {
                ir.Append(KernelDerivative("kernel_rev", "__enzyme_autodiff"));
            }
        }
        return ir.ToString();
    }

    private static string ForwardTangentFunction(int arity)
    {
        string parameters = string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}, double %d{i}"));
        var body = new StringBuilder();
        body.AppendLine($"define double @df({parameters}) {{");
        body.AppendLine($"  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, {parameters})");
        body.AppendLine("  ret double %r");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    /// <summary>
    /// <c>grad(x0, …, out)</c>: every argument of f enzyme_out; the adjoints come back as one double, or as a
    /// struct of doubles when there are several, and are stored to out[0], out[1], ….
    /// </summary>
    private static string ReverseGradientFunction(int arity)
    {
        string resultType = arity == 1 ? "double" : $"{{ {string.Join(", ", Enumerable.Repeat("double", arity))} }}";
        var body = new StringBuilder();
        body.AppendLine("@enzyme_out = external global i32");
        body.AppendLine();
        body.AppendLine($"define void @grad({string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}"))}, ptr %out) {{");
        string activeArguments = string.Join(", ", Enumerable.Range(0, arity).Select(i => $"ptr @enzyme_out, double %x{i}"));
        body.AppendLine($"  %g = call {resultType} (ptr, ...) @__enzyme_autodiff(ptr @f, {activeArguments})");
        for (int i = 0; i < arity; i++)
        {
            string adjoint = "%g";
            if (arity > 1)
            {
                body.AppendLine($"  %g{i} = extractvalue {resultType} %g, {i}");
                adjoint = $"%g{i}";
            }
            body.AppendLine($"  %o{i} = getelementptr inbounds double, ptr %out, i64 {i}");
            body.AppendLine($"  store double {adjoint}, ptr %o{i}");
        }
        body.AppendLine("  ret void");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    /// <summary>
    /// <c>kernel(x, y)</c>: the form's call on arguments loaded from x, the result stored to y. Vector forms take
    /// lane k of argument i from x[2i + k] and store lane k to y[k], so the two lanes are independent points.
    /// </summary>
    private static string Kernel(MathRuleForm form, int arity)
    {
        var body = new StringBuilder();
        body.AppendLine("define void @kernel(ptr %x, ptr %y) {");
        int inputs = arity * form.Lanes;
        for (int j = 0; j < inputs; j++)
        {
            body.AppendLine($"  %xp{j} = getelementptr inbounds double, ptr %x, i64 {j}");
            body.AppendLine($"  %xl{j} = load double, ptr %xp{j}");
        }
        string[] results;
        if (form.Vector)
        {
            string[] lane0 = Enumerable.Range(0, arity).Select(i => $"%xl{2 * i}").ToArray();
            string[] lane1 = Enumerable.Range(0, arity).Select(i => $"%xl{2 * i + 1}").ToArray();
            (string r0, string r1) = VectorCall(body, Callee(form), form, lane0, lane1, "k");
            results = [r0, r1];
        }
        else
        {
            string[] operands = Enumerable.Range(0, arity).Select(i => $"%xl{i}").ToArray();
            results = [ScalarCall(body, form.Kind, Callee(form), operands, form.HasIntegerArgument, form.IntegerArgument, "k")];
        }
        for (int k = 0; k < results.Length; k++)
        {
            body.AppendLine($"  %yp{k} = getelementptr inbounds double, ptr %y, i64 {k}");
            body.AppendLine($"  store double {results[k]}, ptr %yp{k}");
        }
        body.AppendLine("  ret void");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    private static string KernelDerivative(string name, string mode)
    {
        var body = new StringBuilder();
        body.AppendLine($"define void @{name}(ptr %x, ptr %dx, ptr %y, ptr %dy) {{");
        body.AppendLine($"  call void (ptr, ...) @{mode}(ptr @kernel, ptr @enzyme_dup, ptr %x, ptr %dx, ptr @enzyme_dup, ptr %y, ptr %dy)");
        body.AppendLine("  ret void");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    private static string TypeName(FloatKind kind) => kind switch
    {
        FloatKind.Double => "double",
        FloatKind.Float => "float",
        _ => "x86_fp80",
    };

    private static string Declare(FloatKind kind, string callee, int arity, bool hasInteger)
    {
        string t = TypeName(kind);
        var parameterTypes = Enumerable.Repeat(t, arity).ToList();
        if (hasInteger)
        {
            parameterTypes.Add("i32");
        }
        return $"declare {t} @{callee}({string.Join(", ", parameterTypes)})\n\n";
    }

    /// <summary>f(x…) = r[0] + r[1] with r = callee(&lt;x, x&gt;, …): twice the scalar function.</summary>
    private static string VectorFunction(string callee, MathRuleForm form, int arity)
    {
        var body = new StringBuilder();
        var parameterTypes = Enumerable.Repeat("<2 x double>", arity).ToList();
        if (form.HasIntegerArgument)
        {
            parameterTypes.Add(form.Name == "powi" ? "i32" : "<2 x i32>");
        }
        body.AppendLine($"declare <2 x double> @{callee}({string.Join(", ", parameterTypes)})");
        body.AppendLine();
        body.AppendLine($"define double @f({string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}"))}) {{");
        string[] lanes = Enumerable.Range(0, arity).Select(i => $"%x{i}").ToArray();
        (string r0, string r1) = VectorCall(body, callee, form, lanes, lanes, "");
        body.AppendLine($"  %s = fadd double {r0}, {r1}");
        body.AppendLine("  ret double %s");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    /// <summary>Packs lane 0 and lane 1 of each argument into &lt;2 x double&gt;, makes the call and extracts both lanes.</summary>
    private static (string Lane0, string Lane1) VectorCall(StringBuilder body, string callee, MathRuleForm form, string[] lane0, string[] lane1, string prefix)
    {
        var arguments = new List<string>();
        for (int i = 0; i < lane0.Length; i++)
        {
            body.AppendLine($"  %{prefix}h{i} = insertelement <2 x double> poison, double {lane0[i]}, i32 0");
            body.AppendLine($"  %{prefix}v{i} = insertelement <2 x double> %{prefix}h{i}, double {lane1[i]}, i32 1");
            arguments.Add($"<2 x double> %{prefix}v{i}");
        }
        int n = form.IntegerArgument;
        switch (form.Name)
        {
            case "powi":
                arguments.Add($"i32 {n}");
                break;
            case "ldexp":
                arguments.Add($"<2 x i32> <i32 {n}, i32 {n}>");
                break;
        }
        body.AppendLine($"  %{prefix}r = call <2 x double> @{callee}({string.Join(", ", arguments)})");
        body.AppendLine($"  %{prefix}r0 = extractelement <2 x double> %{prefix}r, i32 0");
        body.AppendLine($"  %{prefix}r1 = extractelement <2 x double> %{prefix}r, i32 1");
        return ($"%{prefix}r0", $"%{prefix}r1");
    }

    private static string Function(string name, FloatKind kind, string callee, int arity, bool hasInteger, int integer, bool declare = true, int times = 1)
    {
        var body = new StringBuilder();
        if (declare)
        {
            body.Append(Declare(kind, callee, arity, hasInteger));
        }
        body.AppendLine($"define double @{name}({string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}"))}) {{");
        string[] operands = Enumerable.Range(0, arity).Select(i => $"%x{i}").ToArray();
        string result = ScalarCall(body, kind, callee, operands, hasInteger, integer, "");
        if (times != 1)
        {
            body.AppendLine($"  %t = fmul double {result}, {times}.0");
            result = "%t";
        }
        body.AppendLine($"  ret double {result}");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    /// <summary>Converts the double operands to the type, makes the call and converts the result back; returns its name.</summary>
    private static string ScalarCall(StringBuilder body, FloatKind kind, string callee, string[] operands, bool hasInteger, int integer, string prefix)
    {
        string t = TypeName(kind);
        var callArguments = new List<string>();
        for (int i = 0; i < operands.Length; i++)
        {
            switch (kind)
            {
                case FloatKind.Double:
                    callArguments.Add($"double {operands[i]}");
                    break;
                case FloatKind.Float:
                    body.AppendLine($"  %{prefix}c{i} = fptrunc double {operands[i]} to float");
                    callArguments.Add($"float %{prefix}c{i}");
                    break;
                default:
                    body.AppendLine($"  %{prefix}c{i} = fpext double {operands[i]} to x86_fp80");
                    callArguments.Add($"x86_fp80 %{prefix}c{i}");
                    break;
            }
        }
        if (hasInteger)
        {
            callArguments.Add($"i32 {integer.ToString(CultureInfo.InvariantCulture)}");
        }
        body.AppendLine($"  %{prefix}r = call {t} @{callee}({string.Join(", ", callArguments)})");
        switch (kind)
        {
            case FloatKind.Double:
                return $"%{prefix}r";
            case FloatKind.Float:
                body.AppendLine($"  %{prefix}w = fpext float %{prefix}r to double");
                return $"%{prefix}w";
            default:
                body.AppendLine($"  %{prefix}w = fptrunc x86_fp80 %{prefix}r to double");
                return $"%{prefix}w";
        }
    }
}
