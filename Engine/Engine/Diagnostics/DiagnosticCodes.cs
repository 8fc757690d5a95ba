namespace Enzyme.Engine.Diagnostics;

/// <summary>
/// Stable diagnostic codes. Every code here is documented in docs/diagnostics.md with its
/// cause and fix; codes are never reused for a different meaning.
/// ENZ0xxx: driver and toolchain. ENZ1xxx: the Enzyme C API front end. ENZ2xxx: differentiation.
/// </summary>
public static class DiagnosticCodes
{
    public const string InvalidCommandLine = "ENZ0001";
    public const string InputNotReadable = "ENZ0002";
    public const string InvalidInputModule = "ENZ0003";
    public const string LinkFailed = "ENZ0004";
    public const string UnknownTarget = "ENZ0005";
    public const string InvalidPassPipeline = "ENZ0006";
    public const string UnsupportedOutput = "ENZ0007";
    public const string GeneratedModuleInvalid = "ENZ0008";
    public const string CodeGenerationFailed = "ENZ0009";
    public const string OutputNotWritable = "ENZ0010";
    public const string ToolchainNotFound = "ENZ0011";
    public const string LlvmFatalError = "ENZ0012";
    public const string DeclarationsNotParsed = "ENZ0013";
    public const string InternalError = "ENZ0014";

    public const string DifferentiationNotAvailable = "ENZ1001";
    public const string UnknownEnzymeEntryPoint = "ENZ1002";
    public const string TooFewArguments = "ENZ1003";
    public const string MarkerWithoutValue = "ENZ1004";
    public const string InvalidWidth = "ENZ1005";
    public const string UnknownMarker = "ENZ1006";
    public const string NotAFunction = "ENZ1007";
    public const string TooManyArguments = "ENZ1008";
    public const string MarkerNotValidInMode = "ENZ1009";
    public const string ArgumentTypeMismatch = "ENZ1010";
    public const string ReturnTypeMismatch = "ENZ1011";
    public const string GradientFunctionMissing = "ENZ1012";
    public const string GradientActivityMismatch = "ENZ1013";
    public const string SplitTapeInvalid = "ENZ1014";
    public const string ForwardSplitUnsupported = "ENZ1015";
    public const string UnsupportedAnnotation = "ENZ1016";
    public const string VectorReverseUnsupported = "ENZ1017";

    // ENZ2xxx: differentiating a function body.
    public const string UnknownFunction = "ENZ2001";
    public const string UnsupportedInstruction = "ENZ2002";
    public const string ActiveWriteToConstantMemory = "ENZ2003";
    public const string IndirectCall = "ENZ2004";
    public const string InlineAssembly = "ENZ2005";
    public const string InvalidCustomRule = "ENZ2006";
    public const string UntrackedShadowPointer = "ENZ2007";
    public const string ReturnsTwice = "ENZ2008";
    public const string FortranRuntimeCall = "ENZ2009";
    public const string ExceptionOnDifferentiatedPath = "ENZ2010";
    public const string AtomicNotDifferentiable = "ENZ2011";

    /// <summary>An OpenMP construct the engine does not differentiate (docs/openmp.md).</summary>
    public const string OpenMpUnsupported = "ENZ2012";

    // ENZ202x: MPI (docs/mpi.md).
    public const string MpiNotDifferentiable = "ENZ2020";
    public const string MpiWildcardReceive = "ENZ2021";

    /// <summary>A Fortran MPI binding (<c>mpi_isend_</c>, ...) the engine does not rewrite to C is called on data with a shadow.</summary>
    public const string MpiFortranBindingNotDifferentiable = "ENZ2022";

    // ENZ3xxx: reverse mode.
    public const string IrreducibleControlFlow = "ENZ3001";
    public const string CallNotInlined = "ENZ3002";
    public const string UnsupportedInReverse = "ENZ3003";

    // ENZ5xxx: warnings; the output is written.
    public const string VectorisedInput = "ENZ5001";

    // ENZ405x–406x: TorchSharp layers and gradient checks of the SDK (docs/diagnostics.md).
    public const string TorchLayerNotPossible = "ENZ4051";
    public const string GradientCheckFailed = "ENZ4060";
    public const string GradientCheckNotRun = "ENZ4061";
    public const string GradientCheckNonSmooth = "ENZ4062";
}
