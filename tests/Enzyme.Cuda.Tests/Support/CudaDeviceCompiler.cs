namespace Enzyme.Cuda.Tests.Support;

/// <summary>
/// clang++ of LLVM 22 as a CUDA device compiler: <c>.cu</c> to PTX without the CUDA SDK
/// (<c>-nocudainc -nocudalib</c>), the way the SDK builds kernels when no toolkit is installed.
/// </summary>
public static class CudaDeviceCompiler
{
    private static readonly Lazy<string?> s_clang = new(Find);

    /// <summary>clang++ when it is installed; a GPU machine may have the driver but no LLVM.</summary>
    public static bool TryFind(out string clangPath)
    {
        clangPath = s_clang.Value ?? "";
        return s_clang.Value is not null;
    }

    public static string RequireClang()
    {
        if (!TryFind(out string clang))
        {
            Assert.Ignore("clang++ of LLVM 22 not found (ENZYME_LLVM_ROOT, /usr/lib/llvm-22/bin, llvm-config-22 --bindir)");
        }
        return clang;
    }

    /// <summary>Compiles <paramref name="cudaSource"/> to PTX for <paramref name="arch"/> and returns the PTX text.</summary>
    public static string CompileToPtx(string clang, string cudaSource, string outputPtx, string arch = "sm_80")
    {
        string[] arguments =
        [
            "-x", "cuda", "--cuda-device-only", "-nocudainc", "-nocudalib", "--cuda-gpu-arch=" + arch,
            // Without the CUDA SDK clang cannot tell which PTX version the driver takes; name it.
            "-Xclang", "-target-feature", "-Xclang", "+ptx80",
            "-O2", "-S", "-o", outputPtx, cudaSource,
        ];
        ProcessOutcome outcome = ChildProcess.Run(clang, arguments);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException($"clang++ {string.Join(' ', arguments)} failed:\n{outcome.StandardError}");
        }
        return File.ReadAllText(outputPtx);
    }

    private static string? Find()
    {
        var folders = new List<string>();
        string? root = Environment.GetEnvironmentVariable("ENZYME_LLVM_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            folders.Add(Path.Combine(root, "bin"));
        }
        folders.Add("/usr/lib/llvm-22/bin");
        string? reported = BinFolderFromLlvmConfig();
        if (reported is not null)
        {
            folders.Add(reported);
        }
        return folders.Select(folder => Path.Combine(folder, "clang++")).FirstOrDefault(File.Exists);
    }

    private static string? BinFolderFromLlvmConfig()
    {
        try
        {
            ProcessOutcome outcome = ChildProcess.Run("llvm-config-22", ["--bindir"], timeout: TimeSpan.FromSeconds(30));
            return outcome.ExitCode == 0 ? outcome.StandardOutput.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // llvm-config-22 is not on PATH.
            return null;
        }
    }
}
