using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Llvm;

public sealed class LinkTests
{
    [Test]
    public void LinkingResolvesADeclarationWithTheOtherModulesDefinition()
    {
        using var context = new LlvmContext();
        using LlvmModule caller = context.ParseText("declare i32 @callee(i32)\ndefine i32 @caller(i32 %x) {\n  %r = call i32 @callee(i32 %x)\n  ret i32 %r\n}\n", "caller.ll");
        LlvmModule callee = context.ParseText("define i32 @callee(i32 %x) {\n  %r = mul i32 %x, 3\n  ret i32 %r\n}\n", "callee.ll");

        Assert.That(caller.GetFunction("callee")!.Value.IsDeclaration, Is.True);
        caller.Link(callee);

        Assert.That(callee.IsDisposed, Is.True, "LLVMLinkModules2 consumes the source module");
        Assert.That(caller.GetFunction("callee")!.Value.IsDeclaration, Is.False);
        Assert.That(caller.Verify(), Is.Null);
    }

    [Test]
    public void ConflictingDefinitionsFailWithTheLinkersMessage()
    {
        using var context = new LlvmContext();
        using LlvmModule first = context.ParseText("define i32 @twice() {\n  ret i32 1\n}\n", "a.ll");
        LlvmModule second = context.ParseText("define i32 @twice() {\n  ret i32 2\n}\n", "b.ll");

        var error = Assert.Throws<LlvmException>(() => first.Link(second));
        Assert.That(error!.Message, Does.Contain("twice"));
        Assert.That(error.Message, Does.Contain("multiply defined").IgnoreCase);
    }
}
