using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Support;

/// <summary>The toolchain's clang, for compiling test programs to bitcode and linking executables.</summary>
public static class ClangCompiler
{
    public static string ClangPath => LlvmToolchain.Current.Tool("clang");

    /// <summary>
    /// Compiles C source to a bitcode file. <c>-O2 -Xclang -disable-llvm-passes</c> gives
    /// unoptimised IR without the <c>optnone</c> that <c>-O0</c> would add.
    /// </summary>
    public static string CompileToBitcode(TemporaryDirectory directory, string name, string source, params string[] extraArguments)
    {
        string sourcePath = directory.Write(name + ".c", source);
        string bitcode = directory.File(name + ".bc");
        Run(["-O2", "-Xclang", "-disable-llvm-passes", "-g", "-emit-llvm", "-c", sourcePath, "-o", bitcode, .. extraArguments]);
        return bitcode;
    }

    /// <summary>Compiles C source to a bitcode file with exactly <paramref name="flags"/> (plus -emit-llvm -c).</summary>
    public static string CompileToBitcodeWith(TemporaryDirectory directory, string name, string source, IEnumerable<string> flags)
    {
        string sourcePath = directory.Write(name + ".c", source);
        string bitcode = directory.File(name + ".bc");
        Run([.. flags, "-emit-llvm", "-c", sourcePath, "-o", bitcode]);
        return bitcode;
    }

    public static string LinkExecutable(TemporaryDirectory directory, string objectFile, string name)
    {
        string executable = directory.File(name);
        Run([objectFile, "-lm", "-o", executable]);
        return executable;
    }

    private static void Run(string[] arguments)
    {
        ProcessResult result = ProcessRunner.Run(ClangPath, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"clang {string.Join(' ', arguments)} failed:\n{result.StandardError}");
        }
    }
}
