using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// A crate with its own <c>#[global_allocator]</c> defines the allocator shims itself; the runtime staticlib's default
/// shims must give way (its definitions are weak) rather than collide, and the differentiated code must allocate
/// through the crate's allocator. The gradient of a function that collects a <c>Vec</c> is checked against its closed
/// form, and the crate's allocation counter shows its allocator ran.
/// </summary>
[TestFixture]
public sealed class RustGlobalAllocatorBuildTests
{
    private const string Crate = """
        use std::alloc::{GlobalAlloc, Layout, System};
        use std::sync::atomic::{AtomicUsize, Ordering};

        struct Counting;
        static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

        unsafe impl GlobalAlloc for Counting {
            unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
                ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
                unsafe { System.alloc(layout) }
            }
            unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
                unsafe { System.dealloc(pointer, layout) }
            }
        }

        #[global_allocator]
        static ALLOCATOR: Counting = Counting;

        #[no_mangle]
        pub extern "C" fn allocations() -> usize {
            ALLOCATIONS.load(Ordering::Relaxed)
        }

        /// sum of sin(x_i) * x_i^2 over a Vec collected from the input.
        #[no_mangle]
        pub extern "C" fn weighted(x: *const f64, n: usize) -> f64 {
            let values: Vec<f64> = unsafe { std::slice::from_raw_parts(x, n) }.iter().map(|v| v.sin() * v.powi(2)).collect();
            values.iter().sum()
        }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        double[] x = new double[40];
        for (int i = 0; i < x.Length; i++) x[i] = 0.1 * i - 1.3;
        double[] gradient = new double[x.Length];
        nuint before = Alloc.allocations();
        double value = Alloc.weighted(x, (nuint)x.Length);
        Alloc.weighted_grad(x, gradient, (nuint)x.Length);
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Cos(x[i]) * x[i] * x[i] + 2 * x[i] * Math.Sin(x[i]);
            worst = Math.Max(worst, Math.Abs(gradient[i] - expected));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"value={value:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient_error={worst:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocations={Alloc.allocations() - before}"));
        """;

    [Test]
    public void CratesOwnAllocator_LinksAndIsUsed_AndTheGradientIsRight()
    {
        using var sandbox = new DotnetSandbox("rust-allocator");
        sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "alloc", "Alloc",
                extraItems: """<EnzymeGradient Include="weighted" Mode="Reverse" Activity="dup,const" Name="weighted_grad" />""")
            .Replace("native/*.c", "native/alloc.rs", StringComparison.Ordinal));
        sandbox.WriteFile("app/native/alloc.rs", Crate);
        sandbox.WriteFile("app/Program.cs", ProgramSource);

        ProcessResult build = sandbox.Build("app");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        ProcessResult run = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        double expectedValue = Enumerable.Range(0, 40).Select(i => 0.1 * i - 1.3).Sum(v => Math.Sin(v) * v * v);
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "value"), expectedValue, 1e-13, "the primal");
            Assert.That(OutputParsing.Number(run.StandardOutput, "gradient_error"), Is.LessThan(1e-12), "the gradient against its closed form");
            Assert.That(OutputParsing.Number(run.StandardOutput, "allocations"), Is.GreaterThanOrEqualTo(1), "the crate's allocator served the Vec");
        });
    }
}
