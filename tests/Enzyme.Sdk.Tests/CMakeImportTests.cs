using System.Globalization;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/CMakeImport: an EnzymeCMakeProject item configures an existing CMake library and
/// compiles its target's sources with CMake's own flags. The sample's stiffness SPRING_K exists
/// only as a target_compile_definitions of the CMake project and its header only on CMake's
/// include path, so a build that lost CMake's flags fails or prints another gradient.
/// </summary>
[TestFixture]
public sealed class CMakeImportTests
{
    private const double RestLength = 1.0;
    private const double PinStrength = 0.5;
    private static readonly double[] X = [0.1, 1.3, 1.9, 3.2, 3.8];

    [Test]
    public void ImportedLibrary_IsDifferentiatedWithCMakesFlags_AndReconfiguresOnlyWhenCMakeListsChanges()
    {
        using var sandbox = new DotnetSandbox("cmake-import");
        sandbox.CopyFromRepository(RepositoryLayout.Sample("CMakeImport"), "CMakeImport");

        ProcessResult build = sandbox.Build("CMakeImport");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        AssertGradient(sandbox, springConstant: 2.5);

        string imported = File.ReadAllText(BuildOutputs.Single(sandbox.PathOf("CMakeImport/obj"), "lib-*.props"));
        Assert.Multiple(() =>
        {
            Assert.That(imported, Does.Contain("<Defines>SPRING_K=2.5</Defines>"));
            Assert.That(imported, Does.Contain($"<IncludeDirectories>{sandbox.PathOf("CMakeImport/include")}</IncludeDirectories>"));
            Assert.That(imported, Does.Contain("lib/spring.c\"").And.Contain("lib/energy.c\""));
        });

        ProcessResult upToDate = sandbox.Build("CMakeImport");
        Assert.That(upToDate.ExitCode, Is.Zero, upToDate.ToString());
        Assert.That(upToDate.Output, Does.Contain("Skipping target \"_EnzymeConfigureCMakeProjects\""), "nothing changed, yet cmake configured again");
        Assert.That(upToDate.Output, Does.Contain("Skipping target \"_EnzymeDifferentiate\""), upToDate.ToString());

        // A new definition in CMakeLists.txt reaches the bitcode: configured, compiled and differentiated again.
        string cmakeLists = sandbox.PathOf("CMakeImport/lib/CMakeLists.txt");
        File.WriteAllText(cmakeLists, File.ReadAllText(cmakeLists).Replace("SPRING_K=2.5", "SPRING_K=4.0", StringComparison.Ordinal));
        ProcessResult changed = sandbox.Build("CMakeImport");
        Assert.That(changed.ExitCode, Is.Zero, changed.ToString());
        Assert.That(changed.Output, Does.Not.Contain("Skipping target \"_EnzymeConfigureCMakeProjects\""), "CMakeLists.txt changed, yet cmake did not configure");
        AssertGradient(sandbox, springConstant: 4.0);
    }

    [Test]
    public void ConfigureError_IsENZ4011_AtTheCMakeLine_WithCMakesMessage()
    {
        using var sandbox = new DotnetSandbox("cmake-import-broken");
        WriteProject(sandbox, targets: "broken");
        sandbox.WriteFile("app/lib/CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.16)
            project(broken LANGUAGES C)
            add_library(broken STATIC does_not_exist.c)
            """);

        ProcessResult build = sandbox.Build("app");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("error ENZ4011"), build.ToString());
        Assert.That(build.Output, Does.Contain("CMakeLists.txt(3)"), "the error points at the line cmake names");
        Assert.That(build.Output, Does.Contain("does_not_exist.c"), "cmake's own message is in the error");
    }

    [Test]
    public void UnknownTarget_IsENZ4012_NamingTheTargetsThereAre()
    {
        using var sandbox = new DotnetSandbox("cmake-import-target");
        WriteProject(sandbox, targets: "no_such_target");
        sandbox.WriteFile("app/lib/CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.16)
            project(small LANGUAGES C)
            add_library(small STATIC small.c)
            """);
        sandbox.WriteFile("app/lib/small.c", "double twice(double x) { return 2.0 * x; }\n");

        ProcessResult build = sandbox.Build("app");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("error ENZ4012").And.Contain("'no_such_target'").And.Contain("its targets are: small"), build.ToString());
    }

    [Test]
    public void MissingCMake_IsENZ4010_WithTheInstallCommand()
    {
        using var sandbox = new DotnetSandbox("cmake-import-missing");
        WriteProject(sandbox, targets: "small");
        sandbox.WriteFile("app/lib/CMakeLists.txt", "project(small C)\nadd_library(small STATIC small.c)\n");
        sandbox.WriteFile("app/lib/small.c", "double twice(double x) { return 2.0 * x; }\n");

        ProcessResult build = sandbox.Build("app", "-p:EnzymeCMakePath=/nonexistent/cmake");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("error ENZ4010").And.Contain("apt-get install -y cmake").And.Contain("EnzymeCMakePath"), build.ToString());
    }

    private static void WriteProject(DotnetSandbox sandbox, string targets) =>
        sandbox.WriteFile("app/App.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <EnzymeLibraryName>imported</EnzymeLibraryName>
                <EnzymeBindingsNamespace>Sandbox.Native</EnzymeBindingsNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Enzyme.Sdk" Version="{sandbox.EnzymeSdkVersion}" PrivateAssets="all" />
                <EnzymeCMakeProject Include="lib/CMakeLists.txt" Targets="{targets}" />
              </ItemGroup>
            </Project>
            """);

    /// <summary>
    /// Runs the sample and checks its gradient against the closed form
    /// ∂E/∂xᵢ = K(sᵢ₋₁ − sᵢ) + P sin(xᵢ − i·L) with sᵢ = xᵢ₊₁ − xᵢ − L (s₋₁ = sₙ₋₁ = 0).
    /// </summary>
    private static void AssertGradient(DotnetSandbox sandbox, double springConstant)
    {
        ProcessResult run = sandbox.Dotnet("CMakeImport", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        int n = X.Length;
        double Stretch(int i) => i >= 0 && i + 1 < n ? X[i + 1] - X[i] - RestLength : 0.0;
        Assert.Multiple(() =>
        {
            for (int i = 0; i < n; i++)
            {
                double expected = springConstant * (Stretch(i - 1) - Stretch(i)) + PinStrength * Math.Sin(X[i] - i * RestLength);
                OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, $"grad{i}"), expected, 1e-12,
                    string.Create(CultureInfo.InvariantCulture, $"∂E/∂x{i} with SPRING_K={springConstant}"));
            }
        });
    }
}
