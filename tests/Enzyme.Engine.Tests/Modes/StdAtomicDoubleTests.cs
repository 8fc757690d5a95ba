using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// libstdc++'s <c>std::atomic&lt;double&gt;::fetch_add</c> loads the double's bits atomically and retries a
/// compare-and-swap of them (peeled once): reverse mode refuses it with ENZ2011, which names the cause and the
/// spelling it does differentiate, never with a wrong or zero gradient.
/// </summary>
public sealed class StdAtomicDoubleTests
{
    private const string Source = """
        #include <atomic>
        extern "C" { extern int enzyme_dup, enzyme_const; double __enzyme_autodiff(void*, ...); }
        static double accumulate(const double* x, int n) {
            std::atomic<double> s{0.0};
            for (int i = 0; i < n; i++) s.fetch_add(x[i] * x[i]);
            return s.load();
        }
        extern "C" void gradient(const double* x, double* dx, int n) {
            __enzyme_autodiff((void*)accumulate, enzyme_dup, x, dx, enzyme_const, n);
        }
        """;

    [TestCase("-O0")]
    [TestCase("-O2")]
    public void FetchAddOfStdAtomicDouble_ENZ2011(string level)
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("atomic.cpp", Source);
        string bitcode = directory.File("atomic.bc");
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang++"), ["-std=c++20", level, "-g", "-emit-llvm", "-c", source, "-o", bitcode]);
        Assert.That(compile.ExitCode, Is.Zero, compile.StandardError);

        EnzymeAdRun run = EnzymeAdRun.Invoke(bitcode, "-O2", "-o", directory.File("atomic.o"));

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.Contain("error ENZ2011:").And.Contain("through its integer bits").And.Contain("__atomic_fetch_add"));
        Assert.That(File.Exists(directory.File("atomic.o")), Is.False);
    }
}
