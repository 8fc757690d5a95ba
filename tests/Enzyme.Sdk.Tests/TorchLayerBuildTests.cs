using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// <c>Torch="true"</c>: with a TorchSharp reference the build generates and compiles
/// <c>&lt;Class&gt;Torch.g.cs</c>, whose methods the program calls with tensors (double and float, const
/// arrays and sizes as plain values); without one the build stops with ENZ4050 and the fix; a gradient
/// that cannot be a layer (forward mode) is ENZ4051. The tests build against the managed TorchSharp
/// package only, taken from the user's NuGet folder when it is there (a fallback folder, so it is not
/// extracted per test). The managed package has no native libtorch, so these do not run the layers;
/// <see cref="TorchLayerRuntimeTests"/> does, with TorchSharp-cpu.
/// </summary>
[TestFixture]
public sealed class TorchLayerBuildTests
{
    private const string TorchSharpReference = """<PackageReference Include="TorchSharp" Version="0.107.0" />""";

    private const string CSource = TorchLayerProject.CSource;

    private const string Gradients = TorchLayerProject.GradientItems;

    /// <summary>Compiles only if the generated methods take and return what the documentation says.</summary>
    private const string ProgramSource = """
        using Sandbox.Native;
        using static TorchSharp.torch;

        if (args.Length > 0)
        {
            Tensor x = tensor(new double[] { 0.3, -1.2, 2.5 }, requires_grad: true);
            Tensor loss = LayersTorch.energy(x.mul(2.0), new double[] { 1, 2, 3 }, (nuint)3).pow(2);
            loss.backward();
            Tensor xf = tensor(new float[] { 0.5f, 1.5f }, requires_grad: true);
            Tensor k = tensor(new float[] { 2f }, requires_grad: true);
            Tensor total = LayersTorch.spring(xf, k, 2).add(xf.sum());
            total.backward();
            Console.WriteLine($"{x.grad} {k.grad}");
        }
        Console.WriteLine("compiled");
        """;

    private static string SharedPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static DotnetSandbox TorchSandbox(string purpose, string items, bool referenceTorchSharp)
    {
        var sandbox = new DotnetSandbox(purpose);
        sandbox.UseFallbackPackageFolder(SharedPackages);
        string project = ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "layers", "Layers",
            extraItems: (referenceTorchSharp ? TorchSharpReference + "\n    " : "") + items);
        sandbox.WriteFile("app/App.csproj", project);
        sandbox.WriteFile("app/native/layers.c", CSource);
        sandbox.WriteFile("app/Program.cs", referenceTorchSharp ? ProgramSource : "Console.WriteLine(\"no torch\");");
        return sandbox;
    }

    [Test]
    public void WithTorchSharp_GeneratesAndCompilesTheLayers()
    {
        using DotnetSandbox sandbox = TorchSandbox("torch-layer", Gradients, referenceTorchSharp: true);
        ProcessResult build = sandbox.Build("app");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        string layers = File.ReadAllText(sandbox.PathOf("app/obj/Debug/net10.0/LayersTorch.g.cs"));
        Assert.Multiple(() =>
        {
            Assert.That(layers, Does.Contain("public static Tensor energy(Tensor x, global::System.ReadOnlySpan<double> w, nuint n)"));
            Assert.That(layers, Does.Contain("public static Tensor spring(Tensor x, Tensor k, int n)"));
            Assert.That(layers, Does.Contain("Layers.energy_grad((double*)pointer_x, (double*)shadow_pointer_x, pointer_w, constants.n);"),
                "backward calls the reverse-mode entry point with the saved input and a zeroed shadow");
            Assert.That(layers, Does.Contain("return [shadow_x.mul(grad_output), shadow_k.mul(grad_output), null!];"),
                "one gradient per tensor, scaled by the incoming gradient, none for the constants");
            Assert.That(layers, Does.Contain("if (x.numel() != (long)n)"), "Sizes=\"x=n\" checks the element count");
            Assert.That(layers, Does.Contain("ScalarType.Float32, \"float\"").And.Contain("ScalarType.Float64, \"double\""));
            Assert.That(layers, Does.Contain("Tensor input_k = k.clone();"), "k is not const in C: the function gets a copy");
            Assert.That(build.StandardOutput, Does.Contain("--torch-layer energy_grad"));
        });
        ProcessResult run = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.StandardOutput, Does.Contain("compiled"), run.ToString());
    }

    [Test]
    public void WithoutTorchSharp_StopsWithENZ4050AndTheFix()
    {
        using DotnetSandbox sandbox = TorchSandbox("torch-missing", Gradients, referenceTorchSharp: false);
        ProcessResult build = sandbox.Build("app");
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.StandardOutput, Does.Contain("error ENZ4050: EnzymeGradient 'energy;spring' has Torch=\"true\" but the project does not reference TorchSharp")
            .And.Contain("<PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" />"));
    }

    [Test]
    public void ForwardModeLayer_IsENZ4051()
    {
        using DotnetSandbox sandbox = TorchSandbox("torch-forward",
            """<EnzymeGradient Include="energy" Mode="Forward" Activity="dup,const,const" Torch="true" />""", referenceTorchSharp: true);
        ProcessResult build = sandbox.Build("app");
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.StandardOutput, Does.Contain("error ENZ4051: the gradient 'energy_fwddiff' of 'energy' cannot be a TorchSharp layer: it is a forward-mode derivative"));
    }
}
