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

    /// <summary><c>EnzymeMPI</c> is true but Open MPI's compiler wrapper (<c>mpicc</c>) is missing, fails, or is another MPI's.</summary>
    public const string MpiNotFound = "ENZ4015";

    /// <summary>Install command named by the Open MPI error.</summary>
    public const string MpiInstallCommand = "apt-get install -y openmpi-bin libopenmpi-dev";

    /// <summary><c>EnzymeRuntimeIdentifiers</c> is empty or names a RID Enzyme.Sdk does not build for.</summary>
    public const string UnsupportedRuntimeIdentifier = "ENZ4070";

    /// <summary>A cross target's sysroot (C library, libgcc, libstdc++) is not installed.</summary>
    public const string CrossSysrootMissing = "ENZ4071";

    /// <summary>Fortran sources and a RID other than the build machine's: the Fortran runtime exists for the host only.</summary>
    public const string FortranRuntimeIdentifier = "ENZ4072";

    /// <summary><c>EnzymeOpenMP</c> and a RID other than the build machine's: libomp exists for the host only.</summary>
    public const string OpenMpRuntimeIdentifier = "ENZ4073";

    /// <summary>Warning: CUDA sources with a RID whose CUDA driver loading no test covers.</summary>
    public const string CudaRuntimeIdentifier = "ENZ4074";

    /// <summary><c>EnzymeMPI</c> and a RID other than the build machine's: Open MPI exists for the host only.</summary>
    public const string MpiRuntimeIdentifier = "ENZ4075";

    /// <summary>Rust sources and a RID other than the build machine's: the Rust standard library is installed for the host only.</summary>
    public const string RustRuntimeIdentifier = "ENZ4076";

    /// <summary>rustc, needed by a Rust <c>EnzymeSource</c>, was not found (<c>EnzymeRustc</c>, <c>PATH</c>, <c>~/.cargo/bin</c>) or does not run.</summary>
    public const string RustcNotFound = "ENZ4040";

    /// <summary>rustc's LLVM (<c>rustc --version --verbose</c>) is newer than the engine's: its bitcode cannot be read.</summary>
    public const string RustcLlvmTooNew = "ENZ4041";

    /// <summary>How to install rustc, named by the rustc errors.</summary>
    public const string RustInstallCommand = "curl https://sh.rustup.rs -sSf | sh -s -- -y --default-toolchain 1.95.0 (rustup), or apt-get install -y rustc";

    /// <summary><c>Torch="true"</c> on an <c>EnzymeGradient</c> of a project that does not reference TorchSharp.</summary>
    public const string TorchSharpNotReferenced = "ENZ4050";

    /// <summary>The TorchSharp libstdc++ compatibility step cannot make the library load: an unreadable ELF file, or a missing version that relocations bind.</summary>
    public const string LibstdcxxCompatibilityFailed = "ENZ4052";

    /// <summary><c>EnzymeCheckGradients</c> could not check a gradient: invalid Check* metadata, no <c>NAME_check</c> method, no bindings.</summary>
    public const string GradientCheckNotRun = "ENZ4061";

    /// <summary>Install command named by every toolchain error.</summary>
    public const string InstallCommand = "apt-get install -y clang-22 lld-22 llvm-22 llvm-22-dev flang-22";
}
