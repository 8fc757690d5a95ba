using System.Reflection;
using System.Runtime.InteropServices;
using Enzyme.Llvm.Toolchain;
using LlvmApi = Enzyme.Llvm.Interop.LLVM;

namespace Enzyme.Engine.Tests.Llvm;

public sealed class LlvmEntryPointTests
{
    [Test]
    public void EveryRawBindingIsExportedByLibLlvm22()
    {
        nint library = NativeLibrary.Load(LlvmToolchain.Current.LibLlvmPath);
        List<string> names = typeof(LlvmApi)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<LibraryImportAttribute>() is not null)
            .Select(m => m.Name)
            .ToList();
        List<string> missing = names.Where(name => !NativeLibrary.TryGetExport(library, name, out _)).ToList();

        Assert.That(names, Has.Count.GreaterThan(150));
        Assert.That(missing, Is.Empty, "bound functions that libLLVM does not export");
    }

    [Test]
    public void LibraryVersionIs22()
    {
        Assert.That(Enzyme.Llvm.LlvmTargets.LibraryVersion.Major, Is.EqualTo(LlvmToolchain.RequiredMajorVersion));
    }
}
