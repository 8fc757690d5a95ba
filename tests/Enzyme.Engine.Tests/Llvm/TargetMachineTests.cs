using System.Text;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Tests.Llvm;

public sealed class TargetMachineTests
{
    [OneTimeSetUp]
    public void InitializeTargets() => LlvmTargets.InitializeAll();

    [Test]
    public void HostObjectFileIsElf()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText("define i32 @seven() {\n  ret i32 7\n}\n");
        using LlvmTargetMachine machine = LlvmTargetMachine.Create(LlvmTargets.DefaultTriple);
        machine.ConfigureModule(module);
        byte[] elf = machine.Emit(module, LLVMCodeGenFileType.LLVMObjectFile);

        Assert.That(elf[..4], Is.EqualTo(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }));
    }

    [Test]
    public void NvptxAssemblyHasTheKernelEntryAndTheRequestedArchitecture()
    {
        const string kernel = """
            define ptx_kernel void @axpy(float %a, ptr addrspace(1) %x, ptr addrspace(1) %y) {
              %xv = load float, ptr addrspace(1) %x
              %yv = load float, ptr addrspace(1) %y
              %p = fmul float %a, %xv
              %s = fadd float %p, %yv
              store float %s, ptr addrspace(1) %y
              ret void
            }
            """;
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(kernel);
        using LlvmTargetMachine machine = LlvmTargetMachine.Create("nvptx64-nvidia-cuda", "sm_80");
        machine.ConfigureModule(module);
        string ptx = Encoding.UTF8.GetString(machine.Emit(module, LLVMCodeGenFileType.LLVMAssemblyFile));

        Assert.That(ptx, Does.Contain(".target sm_80"));
        Assert.That(ptx, Does.Contain(".visible .entry axpy("));
        Assert.That(ptx, Does.Contain("fma.rn.f32").Or.Contain("mul.rn.f32").Or.Contain("mul.f32"));
    }

    [Test]
    public void UnknownTripleThrowsWithLlvmsMessage()
    {
        var error = Assert.Throws<LlvmException>(() => LlvmTargetMachine.Create("nonsense-vendor-os"));
        Assert.That(error!.Message, Does.Contain("nonsense-vendor-os"));
    }

    [Test]
    public void DataLayoutComesFromTheTarget()
    {
        using LlvmTargetMachine machine = LlvmTargetMachine.Create("nvptx64-nvidia-cuda", "sm_80");
        Assert.That(machine.DataLayout, Does.StartWith("e-"));
        Assert.That(LlvmTargets.NormalizeTriple("x86_64-linux-gnu"), Is.EqualTo("x86_64-unknown-linux-gnu"));
    }
}
