using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Llvm;

public sealed class ModuleRoundTripTests
{
    private const string Polynomial = """
        define double @poly(double %x) {
        entry:
          %sq = fmul double %x, %x
          %r = fadd double %sq, 1.000000e+00
          ret double %r
        }
        """;

    [Test]
    public void TextualIrPrintsAndReparsesToTheSameText()
    {
        using var context = new LlvmContext();
        using LlvmModule first = context.ParseText(Polynomial, "poly.ll");
        string printed = first.PrintToString();
        using LlvmModule second = context.ParseText(printed, "poly.ll");

        Assert.That(second.PrintToString(), Is.EqualTo(printed));
        Assert.That(printed, Does.Contain("fmul double %x, %x"));
    }

    [Test]
    public void BitcodeRoundTripPreservesTheModule()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(Polynomial, "poly.ll");
        byte[] bitcode = module.WriteBitcode();
        using LlvmMemoryBuffer buffer = LlvmMemoryBuffer.FromBytes(bitcode, "poly.bc");
        using LlvmModule reread = context.Parse(buffer);

        Assert.That(bitcode.AsSpan(0, 2).ToArray(), Is.EqualTo("BC"u8.ToArray()));
        Assert.That(reread.GetFunction("poly")!.Value.Instructions.Select(i => i.Opcode.ToString()),
            Is.EqualTo(new[] { "LLVMFMul", "LLVMFAdd", "LLVMRet" }));
    }

    [Test]
    public void FunctionsBlocksAndParametersAreVisible()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(Polynomial);
        LlvmFunction poly = module.GetFunction("poly")!.Value;

        Assert.That(poly.ParameterCount, Is.EqualTo(1));
        Assert.That(poly.GetParameter(0).Name, Is.EqualTo("x"));
        Assert.That(poly.ReturnType.Kind, Is.EqualTo(Enzyme.Llvm.Interop.LLVMTypeKind.LLVMDoubleTypeKind));
        Assert.That(poly.BasicBlocks.Single().Name, Is.EqualTo("entry"));
        Assert.That(poly.IsValid, Is.True);
        Assert.That(module.GetFunction("absent"), Is.Null);
    }

    [Test]
    public void MalformedIrThrowsWithLlvmsPositionAndMessage()
    {
        using var context = new LlvmContext();
        var error = Assert.Throws<LlvmException>(() => context.ParseText("define i32 @f() {\n  ret i64 0\n}\n", "bad.ll"));
        Assert.That(error!.Message, Does.Contain("bad.ll:2:"));
        Assert.That(error.Message, Does.Contain("error:"));
    }

    [Test]
    public void IrThatParsesButFailsVerificationIsRejected()
    {
        // Syntactically fine, but the entry block has no terminator.
        const string unterminated = "define void @f() {\nentry:\n  %a = add i32 1, 2\n}\n";
        using var context = new LlvmContext();
        var error = Assert.Throws<LlvmException>(() => context.ParseText(unterminated, "unterminated.ll"));
        Assert.That(error!.Message, Does.Contain("unterminated.ll"));
    }

    [Test]
    public void MissingFileThrowsWithThePath()
    {
        using var context = new LlvmContext();
        var error = Assert.Throws<LlvmException>(() => context.ParseFile("/nonexistent/input.bc"));
        Assert.That(error!.Message, Does.Contain("/nonexistent/input.bc"));
    }

    [Test]
    public void TruncatedBitcodeThrowsInsteadOfAborting()
    {
        using var directory = new TemporaryDirectory();
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(Polynomial);
        byte[] bitcode = module.WriteBitcode();
        string truncated = directory.File("truncated.bc");
        File.WriteAllBytes(truncated, bitcode[..(bitcode.Length / 3)]);

        Assert.Throws<LlvmException>(() => context.ParseFile(truncated));
    }

    [Test]
    public void DisposingTheContextReleasesModulesStillHeld()
    {
        var context = new LlvmContext();
        LlvmModule module = context.ParseText(Polynomial);
        context.Dispose();

        Assert.That(module.IsDisposed, Is.True);
        Assert.Throws<ObjectDisposedException>(() => _ = module.Handle);
    }
}
