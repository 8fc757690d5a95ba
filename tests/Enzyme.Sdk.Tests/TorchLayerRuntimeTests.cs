using System.Globalization;
using System.Security.Cryptography;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// Runs generated TorchSharp layers (<c>Torch="true"</c>) with TorchSharp-cpu: one app, built and run once,
/// prints what <c>backward()</c> put in <c>.grad</c> next to central differences of the same forward
/// (float64 and float32), through torch ops before and after the layer, over two backward calls, and the
/// exceptions for bad tensors. The tests compare them, and with closed forms of the C functions. On this
/// host (Debian 12, libstdc++ without GLIBCXX_3.4.32) the run also depends on the SDK's compatibility step,
/// so the fixture rebuilds with <c>EnzymeTorchSharpGlibcxxCompat=false</c> and expects the loader's refusal.
/// The output copy of libtorch is hard-linked from the NuGet folder (not copied, 0.5 GB), which also checks
/// that the patch replaces the copy instead of writing through the link into the package.
/// </summary>
[TestFixture]
public sealed class TorchLayerRuntimeTests
{
    private const string CSource = TorchLayerProject.CSource;

    private const string Gradients = """<PackageReference Include="TorchSharp-cpu" Version="0.107.0" />""" + "\n" + TorchLayerProject.GradientItems;

    /// <summary>Prints "key: v v v" lines (round-trip doubles) for the tests to read.</summary>
    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;
        using static TorchSharp.torch;

        double[] w = [1, 2, 3];
        double[] x0 = [0.3, -1.2, 2.5];

        // float64: the layer's gradient and central differences of its forward.
        Tensor x = tensor(x0, requires_grad: true);
        Tensor e = LayersTorch.energy(x, w, 3);
        e.backward();
        Print("energy.value", [e.item<double>()]);
        Print("energy.grad", Values(x.grad!));
        Print("energy.fd", CentralDifferences(x0, p => LayersTorch.energy(tensor(p), w, 3).item<double>(), 1e-6, v => v));

        // float32, two tensors: x and k as one vector for the differences.
        float[] xf0 = [0.5f, 1.5f];
        float[] k0 = [2f];
        Tensor xf = tensor(xf0, requires_grad: true);
        Tensor k = tensor(k0, requires_grad: true);
        Tensor s = LayersTorch.spring(xf, k, 2);
        s.backward();
        Print("spring.dtype", [s.dtype == ScalarType.Float32 ? 32 : 64]);
        Print("spring.grad", [.. Values(xf.grad!), .. Values(k.grad!)]);
        Print("spring.fd", CentralDifferences([0.5, 1.5, 2.0],
            p => LayersTorch.spring(tensor(new[] { (float)p[0], (float)p[1] }), tensor(new[] { (float)p[2] }), 2).item<float>(), 1e-2, v => (float)v));
        Print("spring.k_after", Values(k));

        // Composition: torch ops before the layer (scale, shift) and after it (square, plus a term around it).
        Tensor ComposedLoss(Tensor input) => LayersTorch.energy(input.mul(2.0).add(0.1), w, 3).pow(2).add(input.pow(2).sum().mul(0.5));
        Tensor xc = tensor(x0, requires_grad: true);
        Tensor composed = ComposedLoss(xc);
        composed.backward();
        Print("composed.grad", Values(xc.grad!));
        Print("composed.fd", CentralDifferences(x0, p => ComposedLoss(tensor(p)).item<double>(), 1e-6, v => v));

        // Accumulation: two backward calls on two graphs add into the same .grad.
        double[] w2 = [0.5, -1, 4];
        Tensor xa = tensor(x0, requires_grad: true);
        LayersTorch.energy(xa, w, 3).backward();
        Print("accumulated.first", Values(xa.grad!));
        LayersTorch.energy(xa.mul(3.0), w2, 3).backward();
        Print("accumulated.both", Values(xa.grad!));

        // Bad tensors: each is an ArgumentException naming the parameter, before any native call.
        Report("error.noncontiguous", () => LayersTorch.energy(tensor(new double[] { 1, 2, 3, 4, 5, 6 }).reshape(2, 3).t(), new double[6], 6));
        Report("error.dtype", () => LayersTorch.energy(tensor(new float[] { 1, 2, 3 }), w, 3));
        Report("error.size", () => LayersTorch.energy(tensor(new double[] { 1, 2, 3, 4 }), w, 3));
        Report("error.spring_dtype", () => LayersTorch.spring(tensor(new double[] { 1, 2 }), tensor(new float[] { 1 }), 2));
        Console.WriteLine("done");

        static double[] Values(Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();

        static void Print(string key, IEnumerable<double> values) =>
            Console.WriteLine($"{key}: {string.Join(" ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");

        // Central differences; round maps a perturbed coordinate to the precision the function takes,
        // and the step actually taken is what divides.
        static double[] CentralDifferences(double[] point, Func<double[], double> f, double h, Func<double, double> round)
        {
            var result = new double[point.Length];
            for (int i = 0; i < point.Length; i++)
            {
                double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
                plus[i] = round(point[i] + h);
                minus[i] = round(point[i] - h);
                result[i] = (f(plus) - f(minus)) / (plus[i] - minus[i]);
            }
            return result;
        }

        static void Report(string key, Func<Tensor> call)
        {
            try
            {
                call();
                Console.WriteLine($"{key}: no exception");
            }
            catch (Exception exception)
            {
                Console.WriteLine($"{key}: {exception.GetType().FullName} | {(exception as ArgumentException)?.ParamName} | {exception.Message}");
            }
        }
        """;

    private static string SharedPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string CachedLibTorchSharp =>
        Path.Combine(SharedPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private const string OutputLibTorchSharp = "app/bin/Debug/net10.0/runtimes/linux-x64/native/libLibTorchSharp.so";

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;
    private ProcessResult _run = null!;
    private ProcessResult _buildWithoutCompat = null!;
    private ProcessResult _runWithoutCompat = null!;
    private string _cacheHashBefore = "";
    private string _cacheHashAfter = "";
    private Dictionary<string, string> _printed = [];

    [OneTimeSetUp]
    public void BuildAndRunOnce()
    {
        _sandbox = new DotnetSandbox("torch-runtime");
        _sandbox.UseFallbackPackageFolder(SharedPackages);
        string project = ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, "layers", "Layers", extraItems: Gradients)
            .Replace("</PropertyGroup>", "  <CreateHardLinksForCopyLocalIfPossible>true</CreateHardLinksForCopyLocalIfPossible>\n  </PropertyGroup>", StringComparison.Ordinal);
        _sandbox.WriteFile("app/App.csproj", project);
        _sandbox.WriteFile("app/native/layers.c", CSource);
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        _cacheHashBefore = HashOf(CachedLibTorchSharp);
        _build = _sandbox.Build("app");
        _run = _build.ExitCode == 0 ? _sandbox.Dotnet("app", "run", "--no-build") : _build;
        _printed = _run.StandardOutput.Split('\n')
            .Select(line => line.Split(": ", 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim());
        _cacheHashAfter = HashOf(CachedLibTorchSharp);
        TestContext.Progress.WriteLine(_run.StandardOutput);
        _buildWithoutCompat = _sandbox.Build("app", "-p:EnzymeTorchSharpGlibcxxCompat=false");
        _runWithoutCompat = _buildWithoutCompat.ExitCode == 0 ? _sandbox.Dotnet("app", "run", "--no-build") : _buildWithoutCompat;
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    private static string HashOf(string path) => File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "missing";

    private double[] Printed(string key)
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
        Assert.That(_printed, Does.ContainKey(key), _run.ToString());
        return [.. _printed[key].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    private static double EnergyDerivative(double x, double w) => w * (2 * x * Math.Sin(x) + x * x * Math.Cos(x));

    private static double Energy(double[] x, double[] w) => x.Select((xi, i) => w[i] * xi * xi * Math.Sin(xi)).Sum();

    private static void AssertClose(double[] actual, double[] expected, double relativeTolerance, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        for (int i = 0; i < expected.Length; i++)
        {
            double scale = Math.Max(1.0, Math.Abs(expected[i]));
            Assert.That(Math.Abs(actual[i] - expected[i]), Is.LessThanOrEqualTo(relativeTolerance * scale),
                $"{what}[{i}]: {actual[i]:R} vs {expected[i]:R}");
        }
    }

    [Test]
    public void Float64_BackwardEqualsCentralDifferencesAndTheClosedForm()
    {
        double[] x = [0.3, -1.2, 2.5];
        double[] w = [1, 2, 3];
        AssertClose(Printed("energy.value"), [Energy(x, w)], 1e-14, "forward value");
        AssertClose(Printed("energy.grad"), Printed("energy.fd"), 1e-8, "backward vs central differences");
        AssertClose(Printed("energy.grad"), [.. x.Select((xi, i) => EnergyDerivative(xi, w[i]))], 1e-13, "backward vs closed form");
    }

    [Test]
    public void Float32_BackwardEqualsCentralDifferencesForBothTensors()
    {
        Assert.That(Printed("spring.dtype"), Is.EqualTo(new double[] { 32 }), "a float C function gives a Float32 tensor");
        double[] grad = Printed("spring.grad");
        AssertClose(grad, Printed("spring.fd"), 1e-4, "backward vs central differences (float32)");
        // s = k (x0^2 + x1^2): ds/dx = 2 k x, ds/dk = x0^2 + x1^2, all exact in float.
        Assert.That(grad, Is.EqualTo(new double[] { 2.0, 6.0, 2.5 }));
        Assert.That(Printed("spring.k_after"), Is.EqualTo(new double[] { 2.0 }), "k (not const in C) is passed as a copy");
    }

    [Test]
    public void TorchOpsBeforeAndAfterTheLayer_FollowTheChainRule()
    {
        double[] x = [0.3, -1.2, 2.5];
        double[] w = [1, 2, 3];
        AssertClose(Printed("composed.grad"), Printed("composed.fd"), 1e-7, "composed backward vs central differences");
        // L = E(2x + 0.1)^2 + |x|^2 / 2: dL/dx_i = 2 E(u) * 2 E'_i(u) + x_i.
        double[] u = [.. x.Select(xi => 2 * xi + 0.1)];
        double energy = Energy(u, w);
        AssertClose(Printed("composed.grad"), [.. x.Select((xi, i) => 4 * energy * EnergyDerivative(u[i], w[i]) + xi)], 1e-12, "composed backward vs closed form");
    }

    [Test]
    public void TwoBackwardCalls_AccumulateIntoGrad()
    {
        double[] x = [0.3, -1.2, 2.5];
        double[] w = [1, 2, 3];
        double[] w2 = [0.5, -1, 4];
        double[] first = [.. x.Select((xi, i) => EnergyDerivative(xi, w[i]))];
        AssertClose(Printed("accumulated.first"), first, 1e-13, "first backward");
        AssertClose(Printed("accumulated.both"), [.. x.Select((xi, i) => first[i] + 3 * EnergyDerivative(3 * xi, w2[i]))], 1e-13,
            "second backward (through x * 3) adds to the first");
    }

    [Test]
    public void BadTensors_AreArgumentExceptionsNamingTheFix()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(_printed["error.noncontiguous"], Is.EqualTo("System.ArgumentException | x | x is not contiguous: pass x.contiguous(). (Parameter 'x')"));
            Assert.That(_printed["error.dtype"], Is.EqualTo("System.ArgumentException | x | x is Float32 but the C function takes double (Float64): pass x.to(Float64). (Parameter 'x')"));
            Assert.That(_printed["error.size"], Is.EqualTo("System.ArgumentException | x | x has 4 elements but n is 3. (Parameter 'x')"));
            Assert.That(_printed["error.spring_dtype"], Is.EqualTo("System.ArgumentException | x | x is Float64 but the C function takes float (Float32): pass x.to(Float32). (Parameter 'x')"));
            Assert.That(_run.StandardOutput, Does.Contain("done"));
        });
    }

    /// <summary>
    /// Whether the libstdc++ this process (a .NET host, like the app) loaded lacks GLIBCXX_3.4.32: its
    /// version names are plain strings in .dynstr, and a libstdc++ that defines the version contains it.
    /// </summary>
    private static bool HostLibstdcxxLacksGlibcxx3432()
    {
        string? loaded = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0 ? line[slash..] : "")
            .FirstOrDefault(file => Path.GetFileName(file).StartsWith("libstdc++.so", StringComparison.Ordinal));
        Assert.That(loaded, Is.Not.Null, "the test host has loaded no libstdc++");
        return File.ReadAllBytes(loaded!).AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) < 0;
    }

    [Test]
    public void CompatibilityStep_OnAHostWithANewerLibstdcxx_LeavesTheLibraryAlone()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        if (HostLibstdcxxLacksGlibcxx3432())
        {
            Assert.That(_build.StandardOutput, Does.Contain("marked weak"), "this host needs the step (see the next test)");
            return;
        }
        Assert.Multiple(() =>
        {
            Assert.That(_build.StandardOutput, Does.Not.Contain("marked weak"));
            Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
            Assert.That(_runWithoutCompat.ExitCode, Is.Zero, _runWithoutCompat.ToString());
        });
    }

    [Test]
    public void CompatibilityStep_OnDebian12_PatchesOnlyTheOutputCopyAndIsWhatMakesItLoad()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        if (!HostLibstdcxxLacksGlibcxx3432())
        {
            Assert.That(_build.StandardOutput, Does.Not.Contain("marked weak"), "this host does not need the step (see the previous test)");
            return;
        }
        Assert.Multiple(() =>
        {
            Assert.That(_build.StandardOutput, Does.Contain($"Enzyme.Sdk: '{_sandbox.PathOf(OutputLibTorchSharp)}' needs GLIBCXX_3.4.32 of libstdc++.so.6")
                .And.Contain("marked weak (no relocation binds a symbol of it)"));
            Assert.That(_cacheHashAfter, Is.EqualTo(_cacheHashBefore), "the NuGet package's libLibTorchSharp.so is not written");
            Assert.That(_cacheHashBefore, Is.Not.EqualTo("missing"), CachedLibTorchSharp);
            Assert.That(_run.ExitCode, Is.Zero, _run.ToString());
            Assert.That(_buildWithoutCompat.ExitCode, Is.Zero, _buildWithoutCompat.ToString());
            Assert.That(_buildWithoutCompat.StandardOutput, Does.Not.Contain("marked weak"));
            Assert.That(_runWithoutCompat.ExitCode, Is.Not.Zero, "without the step TorchSharp does not load on this host");
            Assert.That(_runWithoutCompat.Output, Does.Contain("Failed to load native component LibTorchSharp"), _runWithoutCompat.ToString());
        });
    }
}
