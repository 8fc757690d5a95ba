using System.Globalization;
using System.Text.RegularExpressions;
using Enzyme.Cuda.Tests.Support;
using Enzyme.Sdk.Tasks;

namespace Enzyme.Cuda.Tests.Stubs;

/// <summary>
/// The whole consumer path: the task writes stubs for the saxpy PTX, a fresh console project
/// compiles them (warnings as errors) with the PTX embedded, and runs. With a GPU the program
/// launches both kernels through the stubs and prints its error against the CPU.
/// </summary>
public sealed partial class GeneratedStubsBuildTests
{
    private const string ProgramSource = """
        using Enzyme.Cuda;
        using Stubs.Check;

        if (!CudaDevice.IsAvailable(out string reason))
        {
            Console.WriteLine("unavailable: " + reason);
            return 0;
        }
        using var context = CudaContext.CreateForFirstDevice();
        using CudaModule module = SaxpyKernels.LoadModule(context);
        const int Count = 5000;
        float[] x = Enumerable.Range(0, Count).Select(i => i * 0.01f).ToArray();
        float[] y = Enumerable.Range(0, Count).Select(i => 1f - i * 0.002f).ToArray();
        using var deviceX = DeviceBuffer<float>.CopiedFrom(context, x);
        using var deviceY = DeviceBuffer<float>.CopiedFrom(context, y);
        SaxpyKernels.saxpy(module, LaunchDimensions.BlocksFor(Count, 128), 128u, deviceX.DevicePointer, deviceY.DevicePointer, 1.5f, Count);
        float[] result = deviceY.ToArray();
        // Relative: the GPU fuses the multiply-add, so the last bit may differ from the CPU.
        double saxpyError = Enumerable.Range(0, Count).Max(i => Math.Abs(result[i] - (1.5 * x[i] + y[i])) / Math.Max(1.0, Math.Abs(1.5 * x[i] + y[i])));

        double[] input = Enumerable.Range(0, Count).Select(i => Math.Cos(i)).ToArray();
        using var deviceInput = DeviceBuffer<double>.CopiedFrom(context, input);
        using var deviceOutput = new DeviceBuffer<double>(context, Count);
        byte[] affine = [.. BitConverter.GetBytes(2.0), .. BitConverter.GetBytes(-0.5)];
        SaxpyKernels.affine_f64(module, LaunchDimensions.BlocksFor(Count, 128), 128u, deviceOutput.DevicePointer, deviceInput.DevicePointer, affine, Count);
        double[] output = deviceOutput.ToArray();
        double affineError = Enumerable.Range(0, Count).Max(i => Math.Abs(output[i] - (2.0 * input[i] - 0.5)) / Math.Max(1.0, Math.Abs(2.0 * input[i] - 0.5)));

        Console.WriteLine($"saxpy max relative error: {saxpyError:R}");
        Console.WriteLine($"affine max relative error: {affineError:R}");
        return 0;
        """;

    [Test]
    public void GeneratedStubsCompileAndLaunch()
    {
        using var directory = new TemporaryDirectory("stubs");
        (string ptx, string origin) = TestKernels.SaxpyPtx(directory);
        string ptxPath = directory.Write("app/saxpy.ptx", ptx);
        var engine = new RecordingBuildEngine();
        var task = new GenerateCudaLaunchStubs
        {
            BuildEngine = engine,
            PtxFile = ptxPath,
            OutputFile = directory.File("app/SaxpyKernels.g.cs"),
            Namespace = "Stubs.Check",
            ClassName = "SaxpyKernels",
            ResourceName = "Stubs.Check.saxpy.ptx",
        };
        Assert.That(task.Execute(), Is.True, string.Join("\n", engine.Errors.Select(e => e.Message)));
        directory.Write("app/Program.cs", ProgramSource);
        directory.Write("app/StubsCheck.csproj", ProjectFile());

        ProcessOutcome build = ChildProcess.Run(Dotnet, ["build", "-nologo", "-c", "Release"], directory.File("app"));
        Assert.That(build.ExitCode, Is.Zero, $"PTX from {origin}\n{build.Combined}");
        ProcessOutcome run = ChildProcess.Run(Dotnet, [directory.File("app/bin/Release/net10.0/StubsCheck.dll")], directory.File("app"));
        Assert.That(run.ExitCode, Is.Zero, run.Combined);

        if (!CudaDevice.IsAvailable(out _))
        {
            Assert.That(run.StandardOutput, Does.StartWith("unavailable: "));
            return;
        }
        TestContext.Out.WriteLine(run.StandardOutput);
        Assert.That(ErrorOf(run.StandardOutput, "saxpy"), Is.LessThanOrEqualTo(1e-6));
        Assert.That(ErrorOf(run.StandardOutput, "affine"), Is.LessThanOrEqualTo(1e-12));
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string ProjectFile()
    {
        string library = Path.Combine(TestContext.CurrentContext.TestDirectory, "Enzyme.Cuda.dll");
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Enzyme.Cuda" HintPath="{library}" />
                <EmbeddedResource Include="saxpy.ptx" LogicalName="Stubs.Check.saxpy.ptx" />
              </ItemGroup>
            </Project>
            """;
    }

    private static double ErrorOf(string output, string kernel)
    {
        Match match = ErrorLine().Matches(output).FirstOrDefault(m => m.Groups["kernel"].Value == kernel)
            ?? throw new AssertionException($"no '{kernel} max relative error' line in:\n{output}");
        return double.Parse(match.Groups["error"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<kernel>\w+) max relative error: (?<error>\S+)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
