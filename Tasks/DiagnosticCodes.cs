namespace Enzyme.Sdk.Tasks;

/// <summary>The ENZ4xxx codes the MSBuild SDK reports; each is listed in docs/diagnostics.md.</summary>
public static class DiagnosticCodes
{
    /// <summary>The LLVM 22 toolchain, or one of its tools, was not found.</summary>
    public const string ToolchainNotFound = "ENZ4001";

    /// <summary>An <c>EnzymeSource</c> whose language cannot be inferred or is not supported.</summary>
    public const string UnsupportedSource = "ENZ4002";

    /// <summary>An <c>EnzymeGradient</c> item with a missing or invalid Mode, Activity or Name.</summary>
    public const string InvalidGradient = "ENZ4003";

    /// <summary>The <c>enzyme-ad</c> driver or the <c>dotnet</c> host that runs it was not found.</summary>
    public const string EngineNotFound = "ENZ4004";

    /// <summary>A tool failed without printing an error of its own.</summary>
    public const string ToolFailed = "ENZ4005";

    /// <summary>An invalid SDK property value (<c>EnzymeOptimization</c>, <c>EnzymeTargets</c>).</summary>
    public const string InvalidProperty = "ENZ4006";

    /// <summary>The LLVM prefix found or set is another version: its <c>bin/clang</c> does not report major version 22.</summary>
    public const string WrongLlvmVersion = "ENZ4013";

    /// <summary><c>cmake</c>, needed by an <c>EnzymeCMakeProject</c> item, was not found.</summary>
    public const string CMakeNotFound = "ENZ4010";

    /// <summary>cmake failed to configure an <c>EnzymeCMakeProject</c>.</summary>
    public const string CMakeConfigureFailed = "ENZ4011";

    /// <summary>An <c>EnzymeCMakeProject</c> cannot be imported: a missing CMakeLists.txt or target, a generated source, an unreadable reply.</summary>
    public const string CMakeImportFailed = "ENZ4012";

    /// <summary><c>EnzymeOpenMPRuntime</c> asks for libomp to be packed, but neither the toolchain nor the loader has the one the library needs.</summary>
    public const string OpenMPRuntimeNotFound = "ENZ4014";

    /// <summary>Install command named by every toolchain error.</summary>
    public const string InstallCommand = "apt-get install -y clang-22 lld-22 llvm-22 llvm-22-dev flang-22";
}
