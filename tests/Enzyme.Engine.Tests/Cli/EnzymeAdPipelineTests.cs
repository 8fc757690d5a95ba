using System.Text;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Cli;

/// <summary>The commands of <c>enzyme-ad</c> that succeed: every output kind, linking, levels, targets.</summary>
public sealed class EnzymeAdPipelineTests
{
    private const string Kernel = """
        #include <math.h>
        double energy(const double *x, int n) {
          double e = 0.0;
          for (int i = 0; i + 1 < n; ++i) {
            double d = x[i + 1] - x[i];
            e += d * d + 0.1 * sin(x[i]);
          }
          return e;
        }
        """;

    private const string Driver = """
        #include <stdio.h>
        double energy(const double *x, int n);
        int main(void) {
          double x[5] = {0.0, 0.5, 1.5, 1.0, 2.0};
          printf("energy=%.6f\n", energy(x, 5));
          return 0;
        }
        """;

    private static double ExpectedEnergy()
    {
        double[] x = [0.0, 0.5, 1.5, 1.0, 2.0];
        double e = 0.0;
        for (int i = 0; i + 1 < x.Length; ++i)
        {
            double d = x[i + 1] - x[i];
            e += d * d + 0.1 * Math.Sin(x[i]);
        }
        return e;
    }

    [TestCase("-O0")]
    [TestCase("-O2")]
    [TestCase("-O3")]
    public void TwoInputsLinkIntoAnObjectThatClangTurnsIntoAWorkingProgram(string level)
    {
        using var directory = new TemporaryDirectory();
        string kernel = ClangCompiler.CompileToBitcode(directory, "kernel", Kernel);
        string driver = ClangCompiler.CompileToBitcode(directory, "driver", Driver);
        string objectFile = directory.File("program.o");

        EnzymeAdRun run = EnzymeAdRun.Invoke(kernel, driver, level, "-o", objectFile);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);

        string executable = ClangCompiler.LinkExecutable(directory, objectFile, "program");
        ProcessResult result = ProcessRunner.Run(executable, []);
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.StandardOutput.Trim(), Is.EqualTo($"energy={ExpectedEnergy():F6}"));
    }

    [Test]
    public void TextualIrAndBitcodeOutputsReparse()
    {
        using var directory = new TemporaryDirectory();
        string kernel = ClangCompiler.CompileToBitcode(directory, "kernel", Kernel);
        string ir = directory.File("kernel.ll");
        string bitcode = directory.File("again.bc");

        Assert.That(EnzymeAdRun.Invoke(kernel, "-o", ir).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(ir), Does.Contain("define").And.Contain("@energy("));
        Assert.That(EnzymeAdRun.Invoke(ir, "-O1", "-o", bitcode).ExitCode, Is.Zero);

        using var context = new LlvmContext();
        using LlvmModule module = context.ParseFile(bitcode);
        Assert.That(module.GetFunction("energy")!.Value.IsDeclaration, Is.False);
    }

    [Test]
    public void O2OptimisesAcrossInputsButO0DoesNot()
    {
        using var directory = new TemporaryDirectory();
        string callee = directory.Write("callee.ll", "define i32 @triple(i32 %x) {\n  %r = mul i32 %x, 3\n  ret i32 %r\n}\n");
        string caller = directory.Write("caller.ll", "declare i32 @triple(i32)\ndefine i32 @nine() {\n  %r = call i32 @triple(i32 3)\n  ret i32 %r\n}\n");

        Assert.That(EnzymeAdRun.Invoke(callee, caller, "-O2", "-o", directory.File("o2.ll")).ExitCode, Is.Zero);
        Assert.That(EnzymeAdRun.Invoke(callee, caller, "-O0", "-o", directory.File("o0.ll")).ExitCode, Is.Zero);

        Assert.That(File.ReadAllText(directory.File("o2.ll")), Does.Contain("ret i32 9"));
        Assert.That(File.ReadAllText(directory.File("o0.ll")), Does.Contain("call i32 @triple(i32 3)"));
    }

    [Test]
    public void PassesOptionReplacesTheDefaultPipeline()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Write("f.ll", "define i32 @f(i32 %x) {\n  %a = add i32 %x, 0\n  ret i32 %a\n}\n");
        string output = directory.File("f.out.ll");

        EnzymeAdRun run = EnzymeAdRun.Invoke(input, "--passes", "function(instcombine)", "-o", output);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        Assert.That(File.ReadAllText(output), Does.Contain("ret i32 %x"));
    }

    [Test]
    public void AssemblyOutputForTheHostNamesTheFunction()
    {
        using var directory = new TemporaryDirectory();
        string kernel = ClangCompiler.CompileToBitcode(directory, "kernel", Kernel);
        string assembly = directory.File("kernel.s");

        Assert.That(EnzymeAdRun.Invoke(kernel, "-o", assembly, "--cpu", "x86-64-v3").ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(assembly), Does.Contain("energy:"));
    }

    [TestCase(null, "sm_80")]
    [TestCase("sm_90", "sm_90")]
    public void PtxOutputHasTheKernelEntry(string? cpu, string expectedTarget)
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Write("saxpy.ll", """
            define ptx_kernel void @saxpy(float %a, ptr addrspace(1) %x, ptr addrspace(1) %y) {
              %xv = load float, ptr addrspace(1) %x
              %yv = load float, ptr addrspace(1) %y
              %p = fmul float %a, %xv
              %s = fadd float %p, %yv
              store float %s, ptr addrspace(1) %y
              ret void
            }
            """);
        string ptx = directory.File("saxpy.ptx");
        string[] cpuArguments = cpu is null ? [] : ["--cpu", cpu];

        EnzymeAdRun run = EnzymeAdRun.Invoke([input, "-o", ptx, "--target", "nvptx64-nvidia-cuda", .. cpuArguments]);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        string text = File.ReadAllText(ptx, Encoding.UTF8);
        Assert.That(text, Does.Contain($".target {expectedTarget}"));
        Assert.That(text, Does.Contain(".visible .entry saxpy("));
    }

    [Test]
    public void PtxIsTheDefaultTargetForAPtxOutput()
    {
        using var directory = new TemporaryDirectory();
        string input = directory.Write("k.ll", "define ptx_kernel void @k() {\n  ret void\n}\n");
        string ptx = directory.File("k.ptx");

        Assert.That(EnzymeAdRun.Invoke(input, "-o", ptx).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(ptx), Does.Contain(".visible .entry k("));
    }

    [Test]
    public void HelpAndVersionPrintAndSucceed()
    {
        EnzymeAdRun help = EnzymeAdRun.Invoke("--help");
        EnzymeAdRun version = EnzymeAdRun.Invoke("--version");

        Assert.That(help.ExitCode, Is.Zero);
        Assert.That(help.StandardOutput, Does.StartWith("usage: enzyme-ad"));
        Assert.That(version.ExitCode, Is.Zero);
        Assert.That(version.StandardOutput, Does.Contain("LLVM 22."));
    }
}
