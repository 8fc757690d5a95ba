using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// EnzymeRuntimeIdentifiers that cannot be built stop the build before anything is compiled, one
/// coded error per cause: an unknown RID (ENZ4070), a cross sysroot that is not installed, naming
/// its apt packages (ENZ4071), Fortran sources, EnzymeOpenMP, EnzymeMPI or Rust sources with a RID other
/// than the build machine's (ENZ4072, ENZ4073, ENZ4075, ENZ4076); CUDA sources with such a RID warn (ENZ4074). One build shows all
/// of them: the sysroots are looked for under an empty folder.
/// </summary>
[TestFixture]
public sealed class RuntimeIdentifierDiagnosticTests
{
    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildAProjectNoRidListCanBuild()
    {
        _sandbox = new DotnetSandbox("rid-diagnostics");
        string project = ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, "mixed", "Mixed", outputType: "Library", extraItems: """
            <EnzymeSource Include="native/*.f90" />
                <EnzymeSource Include="native/*.rs" />
                <EnzymeSource Include="native/*.cu" />
            """);
        project = project.Replace("<PropertyGroup>", """
            <PropertyGroup>
                <EnzymeRuntimeIdentifiers>linux-x64; osx-arm64 ;linux-arm64;win-x64</EnzymeRuntimeIdentifiers>
                <EnzymeOpenMP>true</EnzymeOpenMP>
                <EnzymeMPI>true</EnzymeMPI>
                <EnzymeTargets>native;ptx</EnzymeTargets>
            """, StringComparison.Ordinal);
        _sandbox.WriteFile("lib/Lib.csproj", project);
        _sandbox.WriteFile("lib/native/square.c", "double square(double x) { return x * x; }\n");
        _sandbox.WriteFile("lib/native/cube.f90", "function cube(x) bind(c)\n  real(8), value :: x\n  real(8) :: cube\n  cube = x * x * x\nend function\n");
        _sandbox.WriteFile("lib/native/twice.rs", "#[no_mangle]\npub extern \"C\" fn twice(x: f64) -> f64 { 2.0 * x }\n");
        _sandbox.WriteFile("lib/native/scale.cu", "extern \"C\" __global__ void scale(double *x) { x[threadIdx.x] *= 2.0; }\n");
        Directory.CreateDirectory(_sandbox.PathOf("empty-sysroot"));
        _build = _sandbox.Build("lib", "-p:_EnzymeCrossSysrootRoot=" + _sandbox.PathOf("empty-sysroot"));
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Build_FailsBeforeCompilingAnything()
    {
        Assert.That(_build.ExitCode, Is.Not.Zero, _build.ToString());
        Assert.That(_build.StandardOutput, Does.Not.Contain("-emit-llvm"), "no source is compiled once a RID cannot be built");
    }

    [Test]
    public void UnknownRuntimeIdentifier_IsENZ4070_ListingTheSupportedOnes() =>
        Assert.That(Lines("ENZ4070"), Has.Some.Contains("'osx-arm64'").And.Contains("linux-x64, linux-arm64, win-x64"), _build.ToString());

    [Test]
    public void MissingSysroots_AreENZ4071_NamingTheirAptPackages()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Lines("ENZ4071"), Has.Some.Contains("linux-arm64").And.Contains("libc6-dev-arm64-cross libgcc-12-dev-arm64-cross"), _build.ToString());
            Assert.That(Lines("ENZ4071"), Has.Some.Contains("win-x64").And.Contains("mingw-w64-x86-64-dev"), _build.ToString());
            Assert.That(Lines("ENZ4071"), Has.None.Contains("linux-x64 ("), "the build machine's RID needs no sysroot");
        });
    }

    [Test]
    public void FortranOpenMpMpiAndRust_WithCrossRuntimeIdentifiers_AreENZ4072ENZ4073ENZ4075AndENZ4076()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Lines("ENZ4072"), Has.Some.Contains("Fortran").And.Contains("linux-arm64"), _build.ToString());
            Assert.That(Lines("ENZ4073"), Has.Some.Contains("EnzymeOpenMP").And.Contains("win-x64"), _build.ToString());
            Assert.That(Lines("ENZ4075"), Has.Some.Contains("EnzymeMPI").And.Contains("linux-arm64"), _build.ToString());
            Assert.That(Lines("ENZ4076"), Has.Some.Contains("Rust").And.Contains("win-x64"), _build.ToString());
        });
    }

    [Test]
    public void CudaSources_WithCrossRuntimeIdentifiers_WarnENZ4074()
    {
        string[] warnings = _build.Output.Split('\n').Where(line => line.Contains("warning ENZ4074", StringComparison.Ordinal)).ToArray();
        Assert.That(warnings, Has.Some.Contains("nvcuda.dll"), _build.ToString());
    }

    private IEnumerable<string> Lines(string code) =>
        _build.Output.Split('\n').Where(line => line.Contains("error " + code, StringComparison.Ordinal));
}
