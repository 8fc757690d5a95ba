namespace Enzyme.Sdk.Tests.Support;

/// <summary>Project files for the small test projects, written the way the SDK's contract shows.</summary>
public static class ProjectFiles
{
    /// <summary>
    /// A project using Enzyme.Sdk with every C file under native/ as an EnzymeSource.
    /// <paramref name="extraItems"/> is inserted into the item group verbatim.
    /// </summary>
    public static string EnzymeProject(
        string sdkVersion,
        string libraryName,
        string bindingsClass,
        string bindingsNamespace = "Sandbox.Native",
        string outputType = "Exe",
        string extraItems = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>{outputType}</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <EnzymeLibraryName>{libraryName}</EnzymeLibraryName>
            <EnzymeBindingsNamespace>{bindingsNamespace}</EnzymeBindingsNamespace>
            <EnzymeBindingsClass>{bindingsClass}</EnzymeBindingsClass>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Enzyme.Sdk" Version="{sdkVersion}" PrivateAssets="all" />
            <EnzymeSource Include="native/*.c" />
            {extraItems}
          </ItemGroup>
        </Project>
        """;

    /// <summary>The Enzyme C API declarations the test sources use, as a user would write them.</summary>
    public const string EnzymeDeclarations = """
        extern int enzyme_dup;
        extern int enzyme_const;
        extern int enzyme_out;
        double __enzyme_autodiff(void *, ...);
        void __enzyme_autodiff_void(void *, ...);
        double __enzyme_fwddiff(void *, ...);
        """;
}
