using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Compiles one source to LLVM bitcode with the front end of its language (clang, clang++,
/// flang): <c>-c -emit-llvm -O2 -g -fPIC</c> without vectorising or unrolling, plus <c>-MD -MF</c> for C/C++ so that the next
/// build knows which headers it read.
/// </summary>
public sealed class CompileToBitcode : EnzymeToolTask
{
    /// <summary>The source, as planned by <see cref="PlanBitcodeCompilation"/> (Language, BitcodeFile, DependencyFile).</summary>
    [Required]
    public ITaskItem Source { get; set; } = null!;

    /// <summary>Project-wide and per-source include folders.</summary>
    public string[] IncludeDirectories { get; set; } = [];

    /// <summary>Preprocessor definitions, <c>NAME</c> or <c>NAME=VALUE</c>.</summary>
    public string[] Defines { get; set; } = [];

    /// <summary>Further options, split on whitespace (quotes group).</summary>
    public string AdditionalOptions { get; set; } = "";

    /// <summary>Language standard, e.g. <c>c17</c>, <c>c++20</c>, <c>f2018</c>.</summary>
    public string Std { get; set; } = "";

    /// <summary>Where flang writes and finds <c>.mod</c> files.</summary>
    public string FortranModuleDirectory { get; set; } = "";

    /// <summary>The GPU architecture CUDA device code is compiled for (<c>EnzymeCudaArch</c>, e.g. <c>sm_80</c>).</summary>
    public string CudaArch { get; set; } = "sm_80";

    /// <summary>
    /// The CUDA SDK's root (<c>EnzymeCudaPath</c>); empty means none: CUDA sources are then compiled with
    /// <c>-nocudainc -nocudalib</c> and <see cref="CudaDeviceHeader"/> force-included.
    /// </summary>
    public string CudaPath { get; set; } = "";

    /// <summary>Enzyme.Sdk's <c>enzyme_cuda.h</c>: threadIdx, atomicAdd, device math and the Enzyme API without the CUDA SDK.</summary>
    public string CudaDeviceHeader { get; set; } = "";

    /// <summary>
    /// The clang triple of a cross target (<c>aarch64-linux-gnu</c>, <c>x86_64-w64-windows-gnu</c>);
    /// empty for the build machine. CUDA sources ignore it: their device code is NVPTX on every RID.
    /// </summary>
    public string TargetTriple { get; set; } = "";

    private SourceLanguage Language => SourceLanguages.FromName(Source.GetMetadata("Language"));

    protected override string ToolName => Language switch
    {
        SourceLanguage.Cxx or SourceLanguage.Cuda => "clang++",
        SourceLanguage.Fortran => "flang",
        _ => "clang",
    };

    protected override string GenerateFullPathToTool() => LlvmTool(ToolName);

    protected override IReadOnlyList<string> BuildArguments()
    {
        string bitcode = Source.GetMetadata("BitcodeFile");
        Directory.CreateDirectory(Path.GetDirectoryName(bitcode)!);
        // The engine differentiates this bitcode and then runs the full pipeline itself. Loops the
        // front end had already vectorised or partially unrolled reach the reverse sweep as a main
        // body, a remainder loop and runtime alias checks, each with caches of its own (GMM's
        // gradient cached 36 MB per call that way, 8 MB without); the engine's pipeline vectorises
        // and unrolls primal and derivative afterwards. Not -fno-unroll-loops: that marks every
        // loop unroll.disable, which the engine's pipeline would then honour. Full unrolling of
        // short constant loops stays on: it removes loops, and with them caches.
        var arguments = new List<string>
        {
            "-c", "-emit-llvm", "-O2", "-g", "-fno-vectorize", "-fno-slp-vectorize",
            "-mllvm", "-unroll-runtime=false", "-mllvm", "-unroll-allow-partial=false",
        };
        if (Language == SourceLanguage.Cuda)
        {
            arguments.AddRange(CudaDeviceArguments());
        }
        else
        {
            arguments.Add("-fPIC");
            // The front end lowers the target's ABI (type sizes, calling convention, va_list) into
            // the bitcode, so each target needs its own; the engine takes triple and data layout
            // from the module.
            if (TargetTriple.Trim().Length > 0)
            {
                arguments.Add("--target=" + TargetTriple.Trim());
            }
        }
        if (Language == SourceLanguage.Fortran)
        {
            // flang has no -MD; its modules go to one folder every Fortran source searches.
            if (FortranModuleDirectory.Length > 0)
            {
                Directory.CreateDirectory(FortranModuleDirectory);
                arguments.AddRange(["-J", FortranModuleDirectory]);
            }
        }
        else
        {
            // The depfile is registered before the bitcode, so it is renamed into place first: a
            // .bc never exists without the complete list of the headers it was compiled from.
            // -MQ names the final .bc as the rule's target, not the temporary clang writes.
            arguments.AddRange(["-MD", "-MF", TemporaryOutput(Source.GetMetadata("DependencyFile")), "-MQ", bitcode,
                "-fdiagnostics-absolute-paths", "-fno-color-diagnostics"]);
        }
        if (!string.IsNullOrWhiteSpace(Std))
        {
            arguments.Add("-std=" + Std.Trim());
        }
        foreach (string directory in ArgumentSplitter.Entries(IncludeDirectories))
        {
            arguments.Add("-I" + Path.GetFullPath(directory));
        }
        foreach (string define in ArgumentSplitter.Entries(Defines))
        {
            arguments.Add("-D" + define);
        }
        arguments.AddRange(ArgumentSplitter.Split(AdditionalOptions));
        arguments.Add(Source.GetMetadata("FullSourcePath") is { Length: > 0 } full ? full : Path.GetFullPath(Source.ItemSpec));
        arguments.AddRange(["-o", TemporaryOutput(bitcode)]);
        return arguments;
    }

    /// <summary>
    /// Device-side only: the engine differentiates the NVPTX module and writes PTX; the host side is
    /// the .NET program. Without the CUDA SDK, clang assumes PTX ISA 4.2 and knows no threadIdx, so the
    /// PTX version follows the architecture and our own header supplies the device names.
    /// </summary>
    private IEnumerable<string> CudaDeviceArguments()
    {
        string arch = CudaArch.Trim().Length > 0 ? CudaArch.Trim() : "sm_80";
        yield return "-x";
        yield return "cuda";
        yield return "--cuda-device-only";
        yield return "--cuda-gpu-arch=" + arch;
        if (CudaPath.Trim().Length > 0)
        {
            yield return "--cuda-path=" + Path.GetFullPath(CudaPath.Trim());
            yield break;
        }
        yield return "-nocudainc";
        yield return "-nocudalib";
        yield return "-Xclang";
        yield return "-target-feature";
        yield return "-Xclang";
        yield return "+ptx" + PtxVersionFor(arch);
        if (CudaDeviceHeader.Length > 0)
        {
            yield return "-include";
            yield return Path.GetFullPath(CudaDeviceHeader);
        }
    }

    /// <summary>The PTX ISA version to target: the first one that knows the architecture (7.0 for sm_80, 7.8 for sm_90).</summary>
    private static int PtxVersionFor(string arch)
    {
        string digits = new(arch.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        int sm = int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) ? value : 80;
        return sm switch
        {
            >= 100 => 86,
            >= 89 => 78,
            >= 86 => 71,
            >= 80 => 70,
            _ => 64,
        };
    }
}
