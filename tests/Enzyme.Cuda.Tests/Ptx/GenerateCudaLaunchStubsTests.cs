using Enzyme.Cuda.Tests.Support;
using Enzyme.Sdk.Tasks;
using Enzyme.Sdk.Tasks.Cuda;

namespace Enzyme.Cuda.Tests.Ptx;

public sealed class GenerateCudaLaunchStubsTests
{
    [Test]
    public void WritesStubsOnceAndLeavesAnUnchangedFileAlone()
    {
        using var directory = new TemporaryDirectory("task");
        string output = directory.File("obj/SaxpyKernels.g.cs");
        GenerateCudaLaunchStubs first = NewTask(new RecordingBuildEngine(), TestKernels.CheckedInSaxpyPtx, output);

        Assert.That(first.Execute(), Is.True);
        Assert.That(first.OutputChanged, Is.True);
        Assert.That(first.KernelNames, Is.EqualTo(new[] { "saxpy", "affine_f64" }));
        Assert.That(File.ReadAllText(output), Does.Contain("public static void saxpy("));
        DateTime written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(output, written);

        GenerateCudaLaunchStubs second = NewTask(new RecordingBuildEngine(), TestKernels.CheckedInSaxpyPtx, output);

        Assert.That(second.Execute(), Is.True);
        Assert.That(second.OutputChanged, Is.False);
        Assert.That(File.GetLastWriteTimeUtc(output), Is.EqualTo(written));
    }

    [Test]
    public void RewritesTheStubsWhenTheClassChanges()
    {
        using var directory = new TemporaryDirectory("task");
        string output = directory.File("Stubs.g.cs");
        Assert.That(NewTask(new RecordingBuildEngine(), TestKernels.CheckedInSaxpyPtx, output).Execute(), Is.True);

        GenerateCudaLaunchStubs renamed = NewTask(new RecordingBuildEngine(), TestKernels.CheckedInSaxpyPtx, output);
        renamed.ClassName = "OtherKernels";

        Assert.That(renamed.Execute(), Is.True);
        Assert.That(renamed.OutputChanged, Is.True);
        Assert.That(File.ReadAllText(output), Does.Contain("public static partial class OtherKernels"));
    }

    [Test]
    public void MalformedPtxIsAnErrorWithCodeFileAndLine()
    {
        using var directory = new TemporaryDirectory("task");
        string ptx = directory.Write("bad.ptx", ".version 8.0\n.target sm_80\n.visible .entry k(\n  .param .pred flag\n)\n{ ret; }\n");
        var engine = new RecordingBuildEngine();
        string output = directory.File("Stubs.g.cs");

        Assert.That(NewTask(engine, ptx, output).Execute(), Is.False);
        Assert.That(engine.Errors, Has.Count.EqualTo(1));
        Assert.That((engine.Errors[0].Code, engine.Errors[0].File, engine.Errors[0].LineNumber), Is.EqualTo((CudaDiagnosticCodes.InvalidPtx, ptx, 4)));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void MissingPtxIsAnError()
    {
        using var directory = new TemporaryDirectory("task");
        var engine = new RecordingBuildEngine();

        Assert.That(NewTask(engine, directory.File("absent.ptx"), directory.File("Stubs.g.cs")).Execute(), Is.False);
        Assert.That(engine.Errors.Single().Code, Is.EqualTo(CudaDiagnosticCodes.InvalidPtx));
    }

    [Test]
    public void PtxWithoutKernelsWarnsAndStillWritesTheLoader()
    {
        using var directory = new TemporaryDirectory("task");
        string ptx = directory.Write("empty.ptx", ".version 8.0\n.target sm_80\n.func helper() { ret; }\n");
        var engine = new RecordingBuildEngine();
        string output = directory.File("Stubs.g.cs");

        Assert.That(NewTask(engine, ptx, output).Execute(), Is.True);
        Assert.That(engine.Warnings.Single().Code, Is.EqualTo(CudaDiagnosticCodes.NoKernels));
        Assert.That(File.ReadAllText(output), Does.Contain("LoadModule("));
    }

    private static GenerateCudaLaunchStubs NewTask(RecordingBuildEngine engine, string ptx, string output) => new()
    {
        BuildEngine = engine,
        PtxFile = ptx,
        OutputFile = output,
        Namespace = "Demo.Gpu",
        ClassName = "SaxpyKernels",
        ResourceName = "Demo.Gpu.saxpy.ptx",
    };
}
