using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Enzyme.Engine.Diagnostics;

namespace Enzyme.Cli;

/// <summary>
/// <c>enzyme-ad check-gradients --assembly APP.dll --class NS.CLASS (--gradient NAME [--points P] [--range lo,hi]
/// [--check-sizes n=4] [--sizes x=n] [--seed S] [--tolerance T])...</c>: loads the built assembly (in a
/// load context of its own, its native library from its folder), calls the generated <c>NAME_check</c>
/// methods at each point and prints, per gradient, one canonical line: an error ENZ4060 with the worst
/// component and both values when the gradient is wrong, a warning ENZ4062 for non-smooth points.
/// </summary>
public static class GradientCheckCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout)
    {
        string? assemblyPath = null, className = null;
        var requests = new List<GradientCheckRequest>();
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            string value = i + 1 < args.Count ? args[++i] : throw CommandLineParser.Invalid($"check-gradients: {option} needs a value");
            GradientCheckRequest Current() => requests.Count > 0 ? requests[^1] : throw CommandLineParser.Invalid($"check-gradients: {option} before any --gradient");
            switch (option)
            {
                case "--assembly": assemblyPath = value; break;
                case "--class": className = value; break;
                case "--gradient": requests.Add(new GradientCheckRequest(value)); break;
                case "--points": Current().Points = value; break;
                case "--range": Current().Range = value; break;
                case "--check-sizes": Current().CheckSizes = value; break;
                case "--sizes": Current().Sizes = value; break;
                case "--seed": Current().Seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--tolerance": Current().Tolerance = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw CommandLineParser.Invalid($"check-gradients: unknown option '{option}'");
            }
        }
        if (assemblyPath is null || className is null)
        {
            throw CommandLineParser.Invalid("check-gradients: --assembly and --class are required");
        }
        string fullPath = Path.GetFullPath(assemblyPath);
        Type bindings = new NativeLibraryLoadContext(fullPath).LoadFromAssemblyPath(fullPath).GetType(className)
            ?? throw new EnzymeException(new EnzymeDiagnostic(DiagnosticCodes.GradientCheckNotRun,
                $"the bindings class '{className}' is not in '{fullPath}'; check EnzymeBindingsNamespace and EnzymeBindingsClass"));
        bool failed = false;
        foreach (GradientCheckRequest request in requests)
        {
            failed |= !Check(bindings, request, stdout);
        }
        return failed ? EnzymeAdCommand.Failure : EnzymeAdCommand.Success;
    }

    private static bool Check(Type bindings, GradientCheckRequest request, TextWriter stdout)
    {
        MethodInfo? method = bindings.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == request.Gradient + "_check" && m.GetParameters().All(p => !p.ParameterType.IsByRefLike));
        if (method is null)
        {
            stdout.WriteLine($"enzyme-ad: error {DiagnosticCodes.GradientCheckNotRun}: gradient '{request.Gradient}' has no generated {request.Gradient}_check method: its primal must return float or double and take numbers or arrays of numbers (the bindings say why in a comment); set EnzymeCheckGradients only for such gradients, or give the item Check=\"false\".");
            return false;
        }
        ParameterInfo[] all = method.GetParameters();
        ParameterInfo[] inputs = all[..^1];
        double tolerance = request.Tolerance ?? (double)all[^1].DefaultValue!;
        List<(string Text, object[] Arguments)> points;
        try
        {
            points = CheckPointBuilder.Build(request, inputs);
        }
        catch (FormatException e)
        {
            stdout.WriteLine($"enzyme-ad: error {DiagnosticCodes.GradientCheckNotRun}: gradient '{request.Gradient}': {e.Message}.");
            return false;
        }
        (string Point, dynamic Result)? worst = null;
        var nonSmooth = new List<string>();
        dynamic? any = null;
        foreach ((string text, object[] arguments) in points)
        {
            dynamic result;
            try
            {
                result = method.Invoke(null, [.. arguments, tolerance])!;
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException argument)
            {
                stdout.WriteLine($"enzyme-ad: error {DiagnosticCodes.GradientCheckNotRun}: gradient '{request.Gradient}' at '{text}': {EnzymeDiagnostic.OneLine(argument.Message)}");
                return false;
            }
            any = result;
            if (worst is null || (double)result.WorstRelativeError > (double)worst.Value.Result.WorstRelativeError)
            {
                worst = (text, result);
            }
            if ((bool)result.NonSmooth)
            {
                nonSmooth.Add($"{string.Join(", ", (IEnumerable<string>)result.NonSmoothComponents)} at '{text}'");
            }
        }
        dynamic first = any!;
        string location = $"{(string)first.SourceFile}({(int)first.SourceLine})";
        string subject = $"gradient '{request.Gradient}' of '{(string)first.Function}'";
        if (nonSmooth.Count > 0)
        {
            stdout.WriteLine($"{location}: warning {DiagnosticCodes.GradientCheckNonSmooth}: {subject} is at a non-smooth point (the derivatives from the left and from the right differ), not compared there: {string.Join("; ", nonSmooth)}.");
        }
        dynamic r = worst!.Value.Result;
        string numbers = string.Create(CultureInfo.InvariantCulture,
            $"component {(string)r.WorstComponent}: generated {(double)r.GradientValue:R}, finite differences {(double)r.FiniteDifferenceValue:R} (relative error {(double)r.WorstRelativeError:G3}, tolerance {tolerance:G3}) at '{worst.Value.Point}'");
        if (!(bool)r.Passed)
        {
            stdout.WriteLine($"{location}: error {DiagnosticCodes.GradientCheckFailed}: {subject} is wrong: {numbers}. Fix the function's derivative (a registered custom gradient, an inactive or wrongly declared parameter) or the EnzymeGradient item.");
            return false;
        }
        stdout.WriteLine($"enzyme-ad: {subject} passed {points.Count} point(s): worst {numbers}.");
        return true;
    }

    /// <summary>The project's assembly apart from enzyme-ad's own, with <c>[LibraryImport]</c> names resolved in its folder.</summary>
    private sealed class NativeLibraryLoadContext(string assemblyPath) : AssemblyLoadContext("enzyme-check-gradients")
    {
        private readonly string _directory = Path.GetDirectoryName(assemblyPath)!;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            string candidate = Path.Combine(_directory, $"lib{unmanagedDllName}.so");
            return File.Exists(candidate) ? LoadUnmanagedDllFromPath(candidate) : IntPtr.Zero;
        }
    }
}
