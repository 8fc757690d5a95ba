using Enzyme.Engine.Frontend;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Frontend;

public sealed class EnzymeCallSiteFinderTests
{
    [TestCase("__enzyme_autodiff", EnzymeEntryPoint.Autodiff)]
    [TestCase("__enzyme_autodiffDouble", EnzymeEntryPoint.Autodiff)]
    [TestCase("_Z17__enzyme_autodiffPvz", EnzymeEntryPoint.Autodiff)]
    [TestCase("__enzyme_fwddiff", EnzymeEntryPoint.ForwardDiff)]
    [TestCase("_Z16__enzyme_fwddiffIdJPFddEdEET_DpT0_", EnzymeEntryPoint.ForwardDiff)]
    [TestCase("__enzyme_fwdsplit", EnzymeEntryPoint.ForwardSplit)]
    [TestCase("__enzyme_augmentfwd", EnzymeEntryPoint.AugmentForward)]
    [TestCase("__enzyme_augmentsize", EnzymeEntryPoint.AugmentSize)]
    [TestCase("__enzyme_reverse", EnzymeEntryPoint.Reverse)]
    [TestCase("__enzyme_float", EnzymeEntryPoint.TypeAnnotation)]
    [TestCase("__enzyme_integer", EnzymeEntryPoint.TypeAnnotation)]
    [TestCase("__enzyme_batch", EnzymeEntryPoint.NotImplemented)]
    [TestCase("__enzyme_truncate_mem_func", EnzymeEntryPoint.NotImplemented)]
    [TestCase("__enzyme_todense", EnzymeEntryPoint.NotImplemented)]
    [TestCase("__enzyme_frobnicate", EnzymeEntryPoint.Unknown)]
    public void ClassifiesCalleeNamesByContainment(string callee, EnzymeEntryPoint expected)
    {
        Assert.That(EnzymeCallSiteFinder.Classify(callee), Is.EqualTo(expected));
    }

    [Test]
    public void FindsCallsWithTheirCallerAndSourceLine()
    {
        const string source = """
            extern double __enzyme_autodiff(void*, ...);
            extern double __enzyme_fwddiff(void*, ...);
            double sq(double x) { return x * x; }
            double dsq(double x) {
              return __enzyme_autodiff((void*)sq, x);
            }
            double tsq(double x, double dx) { return __enzyme_fwddiff((void*)sq, x, dx); }
            """;
        using var directory = new TemporaryDirectory();
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseFile(ClangCompiler.CompileToBitcode(directory, "calls", source));

        IReadOnlyList<EnzymeCallSite> sites = EnzymeCallSiteFinder.Find(module);

        Assert.That(sites.Select(s => (s.EntryPoint, s.Caller.Name, s.Location?.Line)), Is.EqualTo(new[]
        {
            (EnzymeEntryPoint.Autodiff, "dsq", (uint?)5),
            (EnzymeEntryPoint.ForwardDiff, "tsq", (uint?)7),
        }));
        Assert.That(sites[0].Location!.Value.File, Does.EndWith("calls.c"));
    }
}
