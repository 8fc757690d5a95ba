using System.Globalization;
using System.Text;

namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// Generates a random, self-checking C program from a seed (deterministically: same seed, same text and level).
/// The program is a function <c>double NAME(const double *x, int n)</c>, optionally with static helpers, built from
/// smooth math over safe domains (bounded arguments to exp, positive arguments to log/sqrt/pow, denominators of
/// the form 1+e*e), local temporaries, for loops with runtime trip counts (nested, triangular, reversed, strided),
/// branches on data, bounded while/do-while loops with data-dependent exits, break/continue, stack arrays and heap
/// copies of x that are overwritten in place, and calls to helpers that read or update arrays.
/// <para>
/// Values are kept finite by construction: a variable updated inside a loop it is not local to is only updated
/// in a contracting or linearly growing way (<c>t = c*t + B</c>, <c>t += c*B</c>, <c>t *= 1 + c*B</c> with B a
/// bounded expression), so trip counts cannot blow values up. No construct the engine documents as unsupported
/// (recursion, realloc, custom derivatives) is generated.
/// </para>
/// </summary>
public sealed class RandomProgramGenerator
{
    public static readonly IReadOnlyList<string> Levels = ["-O0", "-O1", "-O2", "-O3"];

    private static readonly string[] BoundedFunctions = ["sin", "cos", "tanh", "atan", "erf"];

    private readonly FuzzRandom random;
    private readonly string name;
    private readonly int length;
    private readonly StringBuilder text = new();
    private readonly List<FuzzHelper> helpers = [];
    private readonly List<string> heapBuffers = [];
    private readonly HashSet<string> called = new(StringComparer.Ordinal);
    private int indent;
    private int counter;
    private int budget;
    private bool inMainFunction;

    private RandomProgramGenerator(ulong seed)
    {
        random = new FuzzRandom(seed);
        name = "fz" + seed.ToString(CultureInfo.InvariantCulture);
        length = random.Pick([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8]);
    }

    /// <summary>The program named by <paramref name="seed"/>.</summary>
    public static GeneratedProgram Generate(ulong seed)
    {
        (string level, bool debugInfo) = SettingsOf(seed);
        return new RandomProgramGenerator(seed).Build(seed, level, debugInfo);
    }

    /// <summary>The clang level and whether -g is used for <paramref name="seed"/> (cheap: no program is built).</summary>
    public static (string Level, bool DebugInfo) SettingsOf(ulong seed)
    {
        var settings = new FuzzRandom(seed ^ 0x5DEECE66DUL);
        return (Levels[settings.Next(Levels.Count)], settings.Chance(0.5));
    }

    private GeneratedProgram Build(ulong seed, string level, bool debugInfo)
    {
        int helperCount = random.PickWeighted([3, 3, 2, 1]);
        for (int j = 0; j < helperCount; j++)
        {
            Helper(j);
        }
        Function();
        string definitions = text.ToString();
        text.Clear();
        string checkName = "check_" + name;
        Check(checkName);
        return new GeneratedProgram(seed, name, checkName, level, debugInfo, length, definitions, text.ToString());
    }

    // ---------------------------------------------------------------- functions

    private void Helper(int index)
    {
        string helperName = $"{name}_h{index}";
        string attribute = random.Chance(0.3) ? "__attribute__((noinline)) " : "";
        FuzzHelperKind kind = (FuzzHelperKind)random.PickWeighted([4, 3, 2]);
        var scope = new FuzzScope();
        budget = random.Next(1, 5);
        inMainFunction = false;
        switch (kind)
        {
            case FuzzHelperKind.Scalar:
            {
                int arity = random.Next(1, 3);
                Line(arity == 1
                    ? $"static {attribute}double {helperName}(double a)"
                    : $"static {attribute}double {helperName}(double a, double b)");
                Line("{");
                indent++;
                scope.Scalars.Add(new FuzzScalar("a", 0, true));
                if (arity == 2)
                {
                    scope.Scalars.Add(new FuzzScalar("b", 0, true));
                }
                Statements(scope);
                Return(scope);
                indent--;
                Line("}");
                helpers.Add(new FuzzHelper(helperName, kind, arity));
                break;
            }
            case FuzzHelperKind.Reduce:
            {
                Line($"static {attribute}double {helperName}(const double *p, int m)");
                Line("{");
                indent++;
                scope.Arrays.Add(new FuzzArray("p", "m", null, false, 0));
                string s = Fresh("s");
                Line($"double {s} = {Constant()};");
                scope.Scalars.Add(new FuzzScalar(s, 0, true));
                For(scope, "m");
                Statements(scope);
                Return(scope);
                indent--;
                Line("}");
                helpers.Add(new FuzzHelper(helperName, kind, 2));
                break;
            }
            case FuzzHelperKind.Update:
            {
                Line($"static {attribute}void {helperName}(double *p, int m, double c)");
                Line("{");
                indent++;
                scope.Arrays.Add(new FuzzArray("p", "m", null, true, 0));
                scope.Scalars.Add(new FuzzScalar("c", 0, false));
                if (random.Chance(0.5))
                {
                    Sweep(scope, scope.Arrays[0]);
                }
                else
                {
                    For(scope, "m");
                }
                Statements(scope);
                indent--;
                Line("}");
                helpers.Add(new FuzzHelper(helperName, kind, 3));
                break;
            }
        }
        Line("");
    }

    private void Function()
    {
        inMainFunction = true;
        heapBuffers.Clear();
        budget = random.Next(4, 12);
        var scope = new FuzzScope();
        scope.Arrays.Add(new FuzzArray("x", "n", length, false, 0));
        Line($"double {name}(const double *x, int n)");
        Line("{");
        indent++;
        string first = Fresh("t");
        Line($"double {first} = {Expr(scope, 2)};");
        scope.Scalars.Add(new FuzzScalar(first, 0, true));
        Statements(scope);
        CallRemainingHelpers(scope);
        string result = Fresh("r");
        Line($"double {result} = 0.0;");
        var terms = scope.Scalars.Where(_ => random.Chance(0.85)).ToList();
        if (terms.Count == 0)
        {
            terms.Add(scope.Scalars[^1]);
        }
        foreach (FuzzScalar term in terms)
        {
            Line($"{result} += {Constant(0.25, 1.5)} * {term.Name};");
        }
        foreach (FuzzArray array in scope.Arrays.Where(a => a.Name != "x" && random.Chance(0.6)))
        {
            Line($"{result} += {Constant(0.25, 1.5)} * {array.Name}[{Index(scope, array)}];");
        }
        foreach (string buffer in heapBuffers)
        {
            Line($"free({buffer});");
        }
        Line($"return {result};");
        indent--;
        Line("}");
        Line("");
    }

    /// <summary>Makes sure the function calls every helper (helpers only called by other helpers count as called).</summary>
    private void CallRemainingHelpers(FuzzScope scope)
    {
        foreach (FuzzHelper helper in helpers.Where(h => !called.Contains(h.Name)).ToList())
        {
            called.Add(helper.Name);
            if (helper.Kind == FuzzHelperKind.Update)
            {
                FuzzArray? array = scope.Arrays.Where(a => a.Writable).Select(a => (FuzzArray?)a).FirstOrDefault();
                if (array is null)
                {
                    StackArray(scope);
                    array = scope.Arrays[^1];
                }
                Line($"{helper.Name}({array.Name}, {array.Length}, {Bounded(scope, 1)});");
                string t = Fresh("t");
                Line($"double {t} = {ArrayRead(scope, array)};");
                scope.Scalars.Add(new FuzzScalar(t, 0, true));
            }
            else
            {
                string t = Fresh("t");
                string call = helper.Kind == FuzzHelperKind.Scalar
                    ? helper.Arity == 1 ? $"{helper.Name}({Expr(scope, 1)})" : $"{helper.Name}({Expr(scope, 1)}, {Expr(scope, 1)})"
                    : $"{helper.Name}(x, n)";
                Line($"double {t} = {call};");
                scope.Scalars.Add(new FuzzScalar(t, 0, true));
            }
        }
    }

    private void Check(string checkName)
    {
        string xs = string.Join(", ", Enumerable.Range(0, length).Select(_ => Literal(random.Uniform(-1.5, 1.5))));
        string vs = string.Join(", ", Enumerable.Range(0, length).Select(_ => Literal(random.Uniform(-1.0, 1.0))));
        Line($"static void {checkName}(void)");
        Line("{");
        Line($"    double x[{length}] = {{{xs}}};");
        Line($"    double v[{length}] = {{{vs}}};");
        Line($"    double xs[{length}], dx[{length}];");
        Line($"    for (int k = 0; k < {length}; k++) {{ xs[k] = x[k]; dx[k] = 0.0; }}");
        Line($"    __enzyme_autodiff((void *){name}, enzyme_dup, x, dx, {length});");
        Line($"    double fwd = __enzyme_fwddiff((void *){name}, enzyme_dup, x, v, {length});");
        Line($"    fuzz_verify(\"{name}\", {name}, x, xs, dx, v, fwd, {length});");
        Line("}");
    }

    // ---------------------------------------------------------------- statements

    private void Statements(FuzzScope scope)
    {
        while (budget > 0)
        {
            Statement(scope);
        }
    }

    /// <summary>
    /// One to three statements in a nested block; most temporaries declared in it are then folded into a variable
    /// or array element of the enclosing scope, so that the block's work usually reaches the result.
    /// </summary>
    private void Block(FuzzScope scope)
    {
        int before = scope.Scalars.Count;
        int count = random.Next(1, 4);
        for (int i = 0; i < count && (i == 0 || budget > 0); i++)
        {
            Statement(scope);
        }
        var outerScalars = scope.Scalars.Take(before).Where(s => s.Assignable).ToList();
        var outerArrays = scope.Arrays.Where(a => a.Writable).ToList();
        foreach (FuzzScalar local in scope.Scalars.Skip(before).ToList())
        {
            if (!random.Chance(0.85) || outerScalars.Count + outerArrays.Count == 0)
            {
                continue;
            }
            string fn = random.Pick(BoundedFunctions);
            string target;
            bool carried;
            if (outerArrays.Count > 0 && (outerScalars.Count == 0 || random.Chance(0.3)))
            {
                FuzzArray array = random.Pick(outerArrays);
                target = $"{array.Name}[{Index(scope, array)}]";
                carried = scope.IsLoopCarried(array);
            }
            else
            {
                FuzzScalar scalar = random.Pick(outerScalars);
                target = scalar.Name;
                carried = scope.IsLoopCarried(scalar);
            }
            Line(!carried
                ? random.Chance(0.5) ? $"{target} += {Constant()} * {local.Name};" : $"{target} = {target} * {fn}({local.Name}) + {local.Name};"
                : random.Chance(0.5) ? $"{target} += {Constant()} * {fn}({local.Name});" : $"{target} = {Constant(0.2, 0.9)} * {target} + {fn}({local.Name});");
        }
    }

    private void Statement(FuzzScope scope)
    {
        budget--;
        bool compound = budget >= 1 && scope.Nesting < 3;
        bool assignable = scope.Scalars.Any(s => s.Assignable);
        bool writable = scope.Arrays.Any(a => a.Writable);
        string? lengthName = LengthName(scope);
        double[] weights =
        [
            3.0,                                                                         // 0 declaration
            assignable ? 3.0 : 0.0,                                                      // 1 assignment
            compound && scope.LoopDepth < 2 ? 2.2 : 0.0,                                 // 2 for loop
            compound ? 1.5 : 0.0,                                                        // 3 if
            compound && scope.LoopDepth < 2 ? 0.8 : 0.0,                                 // 4 while / do-while
            scope.Nesting <= 1 ? 0.8 : 0.0,                                              // 5 stack array
            inMainFunction && scope.Nesting == 0 ? 0.8 : 0.0,                            // 6 heap buffer
            writable ? 2.0 : 0.0,                                                        // 7 array store
            writable && scope.LoopDepth < 2 ? 0.9 : 0.0,                                // 8 in-place sweep
            writable && helpers.Any(h => h.Kind == FuzzHelperKind.Update) ? 0.8 : 0.0,   // 9 update helper call
            scope.InForLoop ? 0.5 : 0.0,                                                 // 10 break / continue
            inMainFunction && scope.Nesting == 0 && heapBuffers.Count == 0 ? 0.25 : 0.0, // 11 early return
        ];
        switch (random.PickWeighted(weights))
        {
            case 0:
            {
                string t = Fresh("t");
                Line($"double {t} = {Expr(scope, Depth())};");
                scope.Scalars.Add(new FuzzScalar(t, scope.LoopDepth, true));
                break;
            }
            case 1:
                Assign(scope, random.Pick(scope.Scalars.Where(s => s.Assignable).ToList()));
                break;
            case 2:
                For(scope, lengthName);
                break;
            case 3:
                If(scope);
                break;
            case 4:
                While(scope, lengthName);
                break;
            case 5:
                StackArray(scope);
                break;
            case 6:
                HeapBuffer(scope);
                break;
            case 7:
                Store(scope, random.Pick(scope.Arrays.Where(a => a.Writable).ToList()));
                break;
            case 8:
                Sweep(scope, random.Pick(scope.Arrays.Where(a => a.Writable).ToList()));
                break;
            case 9:
            {
                FuzzHelper helper = random.Pick(helpers.Where(h => h.Kind == FuzzHelperKind.Update).ToList());
                FuzzArray array = random.Pick(scope.Arrays.Where(a => a.Writable).ToList());
                Line($"{helper.Name}({array.Name}, {array.Length}, {Bounded(scope, 1)});");
                called.Add(helper.Name);
                break;
            }
            case 10:
                Line($"if ({Condition(scope)}) {(random.Chance(0.6) ? "break" : "continue")};");
                break;
            case 11:
                Line($"if ({Condition(scope)}) {{");
                Line($"    return {Expr(scope, 2)};");
                Line("}");
                break;
        }
    }

    private void Assign(FuzzScope scope, FuzzScalar target)
    {
        string v = target.Name;
        if (scope.IsLoopCarried(target))
        {
            Line(random.Next(6) switch
            {
                0 => $"{v} += {Constant()} * {Bounded(scope, Depth())};",
                1 => $"{v} = {Constant(0.2, 0.9)} * {v} + {Bounded(scope, Depth())};",
                2 => $"{v} = {Bounded(scope, Depth())};",
                3 => $"{v} *= 1.0 + {Constant(0.05, 0.3)} * {Bounded(scope, Depth())};",
                4 => $"{v} = {(random.Chance(0.5) ? "fmax" : "fmin")}({v}, {Bounded(scope, Depth())});",
                _ => $"{v} -= {Constant()} * {Bounded(scope, Depth())};",
            });
            return;
        }
        string e = Expr(scope, Depth());
        if (e == v)
        {
            // v -= v is an exact zero (see Binary).
            e = $"{Constant(0.5, 1.5)} * {v}";
        }
        Line(random.Next(5) switch
        {
            0 => $"{v} = {e};",
            1 => $"{v} += {e};",
            2 => $"{v} *= {e};",
            3 => $"{v} = {v} / {Positive(scope, 1)};",
            _ => $"{v} -= {e};",
        });
    }

    private void Store(FuzzScope scope, FuzzArray array)
    {
        string element = $"{array.Name}[{Index(scope, array)}]";
        if (scope.IsLoopCarried(array))
        {
            Line(random.Next(4) switch
            {
                0 => $"{element} = {Constant(0.2, 0.9)} * {element} + {Bounded(scope, Depth())};",
                1 => $"{element} += {Constant()} * {Bounded(scope, Depth())};",
                2 => $"{element} *= 1.0 + {Constant(0.05, 0.3)} * {Bounded(scope, Depth())};",
                _ => $"{element} = {Bounded(scope, Depth())};",
            });
            return;
        }
        Line(random.Next(3) switch
        {
            0 => $"{element} = {Expr(scope, Depth())};",
            1 => $"{element} += {Expr(scope, Depth())};",
            _ => $"{element} *= {Bounded(scope, Depth())};",
        });
    }

    /// <summary>An in-place recurrence over a whole array: each element is overwritten using its (already updated) neighbour.</summary>
    private void Sweep(FuzzScope scope, FuzzArray array)
    {
        string i = Fresh("i");
        var body = scope.Child(loop: true, forLoop: true);
        body.Indices.Add(new FuzzIndexVariable(i, array.Length, false));
        string a = array.Name;
        string fn = random.Pick(BoundedFunctions);
        if (random.Chance(0.5))
        {
            Line($"for (int {i} = 1; {i} < {array.Length}; {i}++) {{");
            Line($"    {a}[{i}] = {Constant(0.2, 0.9)} * {a}[{i}] + {fn}({a}[{i} - 1] * {Expr(body, 1)});");
        }
        else
        {
            Line($"for (int {i} = {array.Length} - 2; {i} >= 0; {i}--) {{");
            Line($"    {a}[{i}] += {Constant()} * {fn}({a}[{i} + 1] + {Expr(body, 1)});");
        }
        Line("}");
    }

    private void For(FuzzScope scope, string? lengthName)
    {
        string i = Fresh("i");
        var outerBounded = scope.Indices.Where(v => v.Below is not null).ToList();
        var stackArrays = scope.Arrays.Where(a => a.KnownLength is not null && a.Name != "x" && a.Length != "n").ToList();
        double[] weights =
        [
            lengthName is null ? 0 : 4,             // 0: 0 .. L-1
            lengthName is null ? 0 : 1,             // 1: 1 .. L-1
            lengthName is null ? 0 : 1,             // 2: L-1 .. 0
            lengthName is null ? 0 : 1,             // 3: 0 .. (L+1)/2-1
            lengthName is null ? 0 : 1,             // 4: 0, 2, .. < L
            lengthName is null ? 0 : 0.7,           // 5: 0 .. 2L-1
            1,                                      // 6: constant trip count
            outerBounded.Count > 0 ? 2 : 0,         // 7: triangular
            stackArrays.Count > 0 ? 1 : 0,          // 8: over a stack array
        ];
        string header;
        FuzzIndexVariable variable;
        string l = lengthName ?? "1";
        switch (random.PickWeighted(weights))
        {
            case 0:
                header = $"for (int {i} = 0; {i} < {l}; {i}++)";
                variable = new FuzzIndexVariable(i, l, false);
                break;
            case 1:
                header = $"for (int {i} = 1; {i} < {l}; {i}++)";
                variable = new FuzzIndexVariable(i, l, true);
                break;
            case 2:
                header = $"for (int {i} = {l} - 1; {i} >= 0; {i}--)";
                variable = new FuzzIndexVariable(i, l, false);
                break;
            case 3:
                header = $"for (int {i} = 0; {i} < ({l} + 1) / 2; {i}++)";
                variable = new FuzzIndexVariable(i, l, false);
                break;
            case 4:
                header = $"for (int {i} = 0; {i} < {l}; {i} += 2)";
                variable = new FuzzIndexVariable(i, l, false);
                break;
            case 5:
                header = $"for (int {i} = 0; {i} < 2 * {l}; {i}++)";
                variable = new FuzzIndexVariable(i, null, false);
                break;
            case 6:
            {
                int trips = random.Next(1, 5);
                header = $"for (int {i} = 0; {i} < {trips}; {i}++)";
                variable = new FuzzIndexVariable(i, null, false);
                break;
            }
            case 7:
            {
                FuzzIndexVariable outer = random.Pick(outerBounded);
                if (random.Chance(0.5))
                {
                    header = $"for (int {i} = 0; {i} <= {outer.Name}; {i}++)";
                    variable = new FuzzIndexVariable(i, outer.Below, false);
                }
                else
                {
                    header = $"for (int {i} = {outer.Name}; {i} < {outer.Below}; {i}++)";
                    variable = new FuzzIndexVariable(i, outer.Below, outer.Positive);
                }
                break;
            }
            default:
            {
                FuzzArray array = random.Pick(stackArrays);
                header = $"for (int {i} = 0; {i} < {array.Length}; {i}++)";
                variable = new FuzzIndexVariable(i, array.Length, false);
                break;
            }
        }
        Line(header + " {");
        indent++;
        var body = scope.Child(loop: true, forLoop: true);
        body.Indices.Add(variable);
        Block(body);
        indent--;
        Line("}");
    }

    private void If(FuzzScope scope)
    {
        Line($"if ({Condition(scope)}) {{");
        indent++;
        Block(scope.Child());
        indent--;
        if (random.Chance(0.5) && budget > 0)
        {
            Line("} else {");
            indent++;
            Block(scope.Child());
            indent--;
        }
        Line("}");
    }

    private void While(FuzzScope scope, string? lengthName)
    {
        string u = Fresh("u");
        string w = Fresh("w");
        string limit = lengthName is null ? "6" : $"{lengthName} + 2";
        var body = scope.Child(loop: true);
        body.Indices.Add(new FuzzIndexVariable(w, null, false));
        // u is read-only for the other statements of the body (they must not break the loop's termination argument).
        body.Scalars.Add(new FuzzScalar(u, scope.LoopDepth, false));
        int form = random.Next(4);
        switch (form)
        {
            case 0:
                Line($"double {u} = {Constant(1.2, 2.5)} + {Square(scope)};");
                Line($"int {w} = 0;");
                Line($"while ({u} > 1.05 && {w} < 40) {{");
                indent++;
                Line($"{u} = sqrt({u});");
                break;
            case 1:
                Line($"double {u} = 0.0;");
                Line($"int {w} = 0;");
                Line($"while ({w} < {limit} && {u} < {Constant(0.5, 4.0)}) {{");
                indent++;
                Line($"{u} += {Constant(0.1, 0.5)} + {Square(body)};");
                break;
            case 2:
                Line($"double {u} = {Expr(scope, 2)};");
                Line($"int {w} = 0;");
                Line($"while (fabs({u}) > {Constant(0.01, 0.2)} && {w} < 30) {{");
                indent++;
                Line($"{u} = {Constant(0.3, 0.8)} * {u} * {random.Pick(BoundedFunctions)}({Expr(body, 1)});");
                break;
            default:
                Line($"double {u} = {Constant(0.0, 0.5)};");
                Line($"int {w} = 0;");
                Line("do {");
                indent++;
                Line($"{u} += {Constant(0.2, 0.6)} * (1.0 + {random.Pick(BoundedFunctions)}({Expr(body, 1)}));");
                break;
        }
        if (random.Chance(0.7))
        {
            Block(body);
        }
        Line($"{w}++;");
        indent--;
        Line(form == 3 ? $"}} while ({u} < {Constant(1.0, 3.0)} && {w} < {limit});" : "}");
        scope.Scalars.Add(new FuzzScalar(u, scope.LoopDepth, false));
    }

    private void StackArray(FuzzScope scope)
    {
        string a = Fresh("a");
        int size = random.Next(2, 7);
        string sizeText = size.ToString(CultureInfo.InvariantCulture);
        if (random.Chance(0.3) && size <= 4)
        {
            string items = string.Join(", ", Enumerable.Range(0, size).Select(_ => Expr(scope, 1)));
            Line($"double {a}[{size}] = {{{items}}};");
        }
        else
        {
            string i = Fresh("i");
            var body = scope.Child(loop: true, forLoop: true);
            body.Indices.Add(new FuzzIndexVariable(i, sizeText, false));
            Line($"double {a}[{size}];");
            Line($"for (int {i} = 0; {i} < {size}; {i}++) {{");
            Line($"    {a}[{i}] = {Expr(body, Depth())};");
            Line("}");
        }
        scope.Arrays.Add(new FuzzArray(a, sizeText, size, true, scope.LoopDepth));
    }

    private void HeapBuffer(FuzzScope scope)
    {
        string b = Fresh("b");
        string i = Fresh("i");
        var body = scope.Child(loop: true, forLoop: true);
        body.Indices.Add(new FuzzIndexVariable(i, "n", false));
        switch (random.Next(3))
        {
            case 0:
                Line($"double *{b} = (double *)malloc(sizeof(double) * n);");
                Line($"memcpy({b}, x, sizeof(double) * n);");
                break;
            case 1:
                Line($"double *{b} = (double *)malloc(sizeof(double) * n);");
                Line($"for (int {i} = 0; {i} < n; {i}++) {{");
                Line($"    {b}[{i}] = {Expr(body, Depth())};");
                Line("}");
                break;
            default:
                Line($"double *{b} = (double *)calloc(n, sizeof(double));");
                Line($"for (int {i} = 0; {i} < n; {i}++) {{");
                Line($"    {b}[({i} + {random.Next(0, 3)}) % n] += {Expr(body, Depth())};");
                Line("}");
                break;
        }
        heapBuffers.Add(b);
        scope.Arrays.Add(new FuzzArray(b, "n", length, true, scope.LoopDepth));
    }

    private void Return(FuzzScope scope)
    {
        var terms = scope.Scalars.Where((_, i) => i == scope.Scalars.Count - 1 || random.Chance(0.75))
            .Select(s => $"{Constant(0.25, 1.5)} * {s.Name}").ToList();
        if (terms.Count == 0 || random.Chance(0.5))
        {
            terms.Add(Expr(scope, 1));
        }
        Line($"return {string.Join(" + ", terms)};");
    }

    // ---------------------------------------------------------------- expressions

    private int Depth() => random.PickWeighted([0.5, 3, 3, 1.5]);

    private string Expr(FuzzScope scope, int depth)
    {
        if (depth <= 0 || random.Chance(0.15))
        {
            return Leaf(scope);
        }
        bool callable = helpers.Any(h => CanCall(scope, h));
        switch (random.PickWeighted([5, 5, 1.5, 1.0, 0.6, callable ? 1.0 : 0.0, 0.3]))
        {
            case 0:
                return Unary(scope, depth);
            case 1:
                return Binary(scope, depth);
            case 2:
                return $"{Expr(scope, depth - 1)} / {Positive(scope, depth - 1)}";
            case 3:
                return random.Next(3) switch
                {
                    0 => $"fmin({Expr(scope, depth - 1)}, {Expr(scope, depth - 1)})",
                    1 => $"fmax({Expr(scope, depth - 1)}, {Expr(scope, depth - 1)})",
                    _ => $"fabs({Expr(scope, depth - 1)})",
                };
            case 4:
                return random.Chance(0.5)
                    ? $"({Expr(scope, depth - 1)} > {Constant()} ? {Expr(scope, depth - 1)} : {Expr(scope, depth - 1)})"
                    : $"({Leaf(scope)} < {Leaf(scope)} ? {Expr(scope, depth - 1)} : {Expr(scope, depth - 1)})";
            case 5:
                return Call(scope, depth);
            default:
                return $"-({Expr(scope, depth - 1)})";
        }
    }

    private string Unary(FuzzScope scope, int depth)
    {
        string a = Expr(scope, depth - 1);
        return random.Next(20) switch
        {
            0 => $"sin({a})",
            1 => $"cos({a})",
            2 => $"tanh({a})",
            3 => $"atan({a})",
            4 => $"erf({a})",
            5 => $"asinh({a})",
            6 => $"exp({Constant(-1.5, 1.5)} * {random.Pick(BoundedFunctions)}({a}))",
            7 => $"expm1({Constant(-1.0, 1.0)} * tanh({a}))",
            8 => $"log(1.0 + {Square(scope, depth - 1)})",
            9 => $"log1p({Square(scope, depth - 1)})",
            10 => random.Next(3) switch
            {
                0 => $"log(2.0 + sin({a}))",
                1 => $"log2(1.5 + cos({a}))",
                _ => $"log10(1.0 + exp(tanh({a})))",
            },
            11 => random.Chance(0.5) ? $"sqrt(1.0 + {Square(scope, depth - 1)})" : $"sqrt(2.0 + cos({a}))",
            12 => $"pow({Positive(scope, depth - 1)}, {Constant(-1.5, 2.5)})",
            13 => $"pow({a}, {(random.Chance(0.5) ? "2.0" : "3.0")})",
            14 => $"cbrt(2.0 + sin({a}))",
            15 => random.Chance(0.5) ? $"sinh(tanh({a}))" : $"cosh(atan({a}))",
            16 => random.Next(3) switch
            {
                0 => $"asin(0.9 * tanh({a}))",
                1 => $"acos(0.9 * sin({a}))",
                _ => $"atanh(0.8 * tanh({a}))",
            },
            17 => $"tan(0.7 * atan({a}))",
            18 => random.Chance(0.5) ? $"lgamma(2.0 + sin({a}))" : $"tgamma(1.5 + cos({a}))",
            _ => $"{Constant()} * {a}",
        };
    }

    private string Binary(FuzzScope scope, int depth)
    {
        string a = Expr(scope, depth - 1);
        string b = Expr(scope, depth - 1);
        for (int retry = 0; retry < 4 && b == a; retry++)
        {
            // e - e is exactly zero, and hypot/atan2 of two exact zeros have no derivative: not a useful test.
            b = Expr(scope, depth - 1);
        }
        if (b == a)
        {
            b = $"{Constant(0.5, 1.5)} + {a}";
        }
        return random.PickWeighted([4, 3, 4, 1, 0.7, 0.7, 0.7, 0.7, 0.3, 0.3]) switch
        {
            0 => $"{a} + {b}",
            // Scaled, so that two texts equal in value (x*t - t*x) never cancel to an exact zero,
            // which would sit on the kink or branch cut of an enclosing hypot, atan2, copysign or floor.
            1 => $"{a} - {Constant(0.5, 0.9)} * ({b})",
            2 => $"{a} * {b}",
            3 => $"{Constant()} * {a} + {b}",
            4 => $"fma({a}, {b}, {Expr(scope, depth - 1)})",
            // hypot has no derivative at (0, 0): keep the second argument away from zero.
            5 => $"hypot({a}, 0.25 + ({b}) * ({b}))",
            6 => random.Chance(0.5) ? $"atan2({a}, 1.0 + {Square(scope, depth - 1)})" : $"atan2({a}, {b})",
            7 => $"pow({Positive(scope, depth - 1)}, {Constant(0.2, 1.0)} * tanh({b}))",
            8 => $"copysign({a}, {b})",
            _ => random.Chance(0.5) ? $"fmod({a}, {Constant(0.5, 2.0)})" : $"{a} * floor({b})",
        };
    }

    /// <summary>An expression known to be at least about 0.5 (a safe denominator, log argument or pow base).</summary>
    private string Positive(FuzzScope scope, int depth)
    {
        return random.Next(5) switch
        {
            0 => $"(1.0 + {Square(scope, depth)})",
            1 => $"(2.0 + sin({Expr(scope, depth)}))",
            2 => $"(1.5 + tanh({Expr(scope, depth)}))",
            3 => $"exp({Constant(-1.0, 1.0)} * atan({Expr(scope, depth)}))",
            _ => $"sqrt(1.0 + {Square(scope, depth)})",
        };
    }

    /// <summary>A bounded expression: a bounded function of an arbitrary one.</summary>
    private string Bounded(FuzzScope scope, int depth) => $"{random.Pick(BoundedFunctions)}({Expr(scope, Math.Max(0, depth - 1))})";

    /// <summary><c>(e) * (e)</c> for a small expression e (written twice).</summary>
    private string Square(FuzzScope scope, int depth = 1)
    {
        string e = Expr(scope, Math.Min(depth, 1));
        return $"({e}) * ({e})";
    }

    private string Call(FuzzScope scope, int depth)
    {
        FuzzHelper helper = random.Pick(helpers.Where(h => CanCall(scope, h)).ToList());
        called.Add(helper.Name);
        if (helper.Kind == FuzzHelperKind.Scalar)
        {
            return helper.Arity == 1
                ? $"{helper.Name}({Expr(scope, depth - 1)})"
                : $"{helper.Name}({Expr(scope, depth - 1)}, {Expr(scope, depth - 1)})";
        }
        FuzzArray array = random.Pick(scope.Arrays);
        if (array.KnownLength is >= 2 && random.Chance(0.3))
        {
            return $"{helper.Name}({array.Name} + 1, {array.Length} - 1)";
        }
        return $"{helper.Name}({array.Name}, {array.Length})";
    }

    private static bool CanCall(FuzzScope scope, FuzzHelper helper) =>
        helper.Kind == FuzzHelperKind.Scalar || (helper.Kind == FuzzHelperKind.Reduce && scope.Arrays.Count > 0);

    private string Condition(FuzzScope scope)
    {
        bool hasIndex = scope.Indices.Count > 0;
        return random.PickWeighted([3, 2, 1.5, hasIndex ? 0.7 : 0, 0.7]) switch
        {
            0 when scope.Arrays.Count > 0 => $"{ArrayRead(scope, random.Pick(scope.Arrays))} > {Constant()}",
            0 or 1 => $"{Expr(scope, random.Next(1, 3))} > {Constant()}",
            2 => $"{Expr(scope, 1)} < {Expr(scope, 1)}",
            3 => $"{random.Pick(scope.Indices).Name} % 2 == 0",
            _ => $"fabs({Expr(scope, 1)}) < {Constant(0.2, 1.5)}",
        };
    }

    private string Leaf(FuzzScope scope)
    {
        int choice = random.PickWeighted([1.0, scope.Scalars.Count > 0 ? 3.0 : 0.0, scope.Arrays.Count > 0 ? 3.5 : 0.0, scope.Indices.Count > 0 ? 0.3 : 0.0]);
        return choice switch
        {
            0 => Constant(),
            1 => random.Pick(scope.Scalars).Name,
            2 => ArrayRead(scope, random.Pick(scope.Arrays)),
            _ => $"{Constant(0.1, 0.5)} * {random.Pick(scope.Indices).Name}",
        };
    }

    private string ArrayRead(FuzzScope scope, FuzzArray array) => $"{array.Name}[{Index(scope, array)}]";

    /// <summary>An index into <paramref name="array"/> that is in bounds by construction.</summary>
    private string Index(FuzzScope scope, FuzzArray array)
    {
        var options = new List<string>();
        string l = array.Length;
        foreach (FuzzIndexVariable v in scope.Indices)
        {
            if (v.Below == l)
            {
                options.Add(v.Name);
                options.Add(v.Name);
                options.Add($"({v.Name} + {random.Next(1, 4)}) % {l}");
                options.Add($"{l} - 1 - {v.Name}");
                if (v.Positive)
                {
                    options.Add($"{v.Name} - 1");
                }
            }
            else
            {
                options.Add($"{v.Name} % {l}");
            }
        }
        if (array.KnownLength is int known && (options.Count == 0 || random.Chance(0.25)))
        {
            return random.Next(known).ToString(CultureInfo.InvariantCulture);
        }
        return options.Count == 0 ? "0" : random.Pick(options);
    }

    private static string? LengthName(FuzzScope scope) =>
        scope.Arrays.Any(a => a.Name == "x") ? "n" : scope.Arrays.Any(a => a.Name == "p") ? "m" : null;

    // ---------------------------------------------------------------- text

    private string Constant() => Constant(-2.0, 2.0);

    private string Constant(double low, double high)
    {
        double value = Math.Round(random.Uniform(low, high), 3);
        if (Math.Abs(value) < 0.01)
        {
            value = high > 0.05 ? Math.Round(high / 2 + 0.01, 3) : Math.Round(low / 2 - 0.01, 3);
        }
        string literal = value.ToString("0.0##", CultureInfo.InvariantCulture);
        return value < 0 ? "(" + literal + ")" : literal;
    }

    private static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture) is var s && s.Contains('.') || s.Contains('E')
        ? s
        : s + ".0";

    private string Fresh(string prefix) => prefix + (counter++).ToString(CultureInfo.InvariantCulture);

    private void Line(string line)
    {
        if (line.Length > 0)
        {
            text.Append(' ', indent * 4);
        }
        text.Append(line).Append('\n');
    }
}
