using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// Which library calls the engine may treat as carrying no derivative: a C++ member function's class is read
/// from its mangled name (then its layout decides), and a function that could carry a derivative stays ENZ2001
/// (the numbers through hashing and rehash policies are checked by corpus/reverse/cpp_unordered_map_strings).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class InactiveLibraryCallTests
{
    [TestCase("_ZNKSt8__detail20_Prime_rehash_policy14_M_need_rehashEmmm", "std::__detail::_Prime_rehash_policy")]
    [TestCase("_ZN7Counter4bumpEi", "Counter")]
    [TestCase("_ZN2ns5Inner3getEv", "ns::Inner")]
    [TestCase("_Z3sumPKdi", null)]
    [TestCase("_ZNSt6vectorIdSaIdEE9push_backERKd", null)]
    [TestCase("strlen", null)]
    public void MemberOfClass_ReadsTheClassOfAMemberFunction(string mangled, string? expected) =>
        Assert.That(DerivativeFreeSignature.MemberOfClass(mangled), Is.EqualTo(expected));

    [TestCase("-O0")]
    [TestCase("-O2")]
    public void ExternalFunctionTakingADoublePointer_StaysENZ2001(string level)
    {
        const string Source = """
            double __enzyme_autodiff(void *, ...);
            extern long count_and_scale(double *values, long n);
            static double f(double *x) { count_and_scale(x, 3); return x[0] * x[1]; }
            void gradient(double *x, double *dx) { __enzyme_autodiff((void *)f, x, dx); }
            """;
        using var directory = new TemporaryDirectory();
        string source = directory.Write("program.c", Source);
        string bitcode = directory.File("program.bc");
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang"), [level, "-g", "-emit-llvm", "-c", source, "-o", bitcode]);
        Assert.That(compile.ExitCode, Is.EqualTo(0), compile.StandardError);
        EnzymeException error = Assert.Throws<EnzymeException>(() =>
            ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = directory.File("program.o"), OptimizationLevel = 2 }))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCodes.UnknownFunction));
        Assert.That(error.Message, Does.Contain("count_and_scale"));
    }
}
