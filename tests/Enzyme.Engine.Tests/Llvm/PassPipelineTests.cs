using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Tests.Llvm;

public sealed class PassPipelineTests
{
    private const string ConstantCall = """
        define internal i32 @add(i32 %a, i32 %b) {
          %s = add i32 %a, %b
          ret i32 %s
        }
        define i32 @five() {
          %r = call i32 @add(i32 2, i32 3)
          ret i32 %r
        }
        """;

    [Test]
    public void DefaultO2InlinesAndFoldsToAConstant()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ConstantCall);
        module.RunPasses("default<O2>");

        LlvmInstruction onlyInstruction = module.GetFunction("five")!.Value.Instructions.Single();
        Assert.That(onlyInstruction.Opcode, Is.EqualTo(LLVMOpcode.LLVMRet));
        Assert.That(onlyInstruction.Value.GetOperand(0).ConstantIntValue, Is.EqualTo(5));
        Assert.That(module.GetFunction("add"), Is.Null, "the internal callee is dead after inlining");
    }

    [Test]
    public void O0KeepsTheCall()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ConstantCall);
        module.RunPasses("default<O0>");

        Assert.That(module.GetFunction("five")!.Value.Instructions.Count(i => i.IsCall), Is.EqualTo(1));
    }

    [Test]
    public void AnExplicitFunctionPipelineRuns()
    {
        const string redundant = "define i32 @f(i32 %x) {\n  %a = add i32 %x, 0\n  %b = mul i32 %a, 1\n  ret i32 %b\n}\n";
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(redundant);
        module.RunPasses("function(instcombine)");

        Assert.That(module.GetFunction("f")!.Value.Instructions.Count(), Is.EqualTo(1));
    }

    [Test]
    public void AnUnknownPassIsAnErrorWithLlvmsMessage()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ConstantCall);
        var error = Assert.Throws<LlvmException>(() => module.RunPasses("no-such-pass"));
        Assert.That(error!.Message, Does.Contain("no-such-pass"));
    }
}
