using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Modes;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Pipeline;

/// <summary>
/// The engine end to end: read and link the inputs, find Enzyme requests, optimise, verify,
/// and write bitcode, IR, an object file, assembly or PTX. Every failure is an
/// <see cref="EnzymeException"/> with a stable code; on failure no output file is left behind
/// (a stale one from an earlier run is removed so that incremental builds cannot pick it up).
/// </summary>
public static class ModulePipeline
{
    public static PipelineResult Run(PipelineOptions options)
    {
        try
        {
            return RunUnchecked(options);
        }
        catch (LlvmToolchainNotFoundException missing)
        {
            DeleteStaleOutput(options);
            throw new EnzymeException(DiagnosticCodes.ToolchainNotFound, missing.Message);
        }
        catch (EnzymeException)
        {
            DeleteStaleOutput(options);
            throw;
        }
    }

    private static PipelineResult RunUnchecked(PipelineOptions options)
    {
        OutputKind kind = OutputKinds.FromPath(options.Output)
            ?? throw new EnzymeException(DiagnosticCodes.UnsupportedOutput,
                $"cannot tell what to write from the extension of '{options.Output}'; use one of {OutputKinds.SupportedExtensions}");
        if (options.Inputs.Count == 0)
        {
            throw new EnzymeException(DiagnosticCodes.InvalidCommandLine, "no input files");
        }
        foreach (string input in options.Inputs)
        {
            if (!File.Exists(input))
            {
                throw new EnzymeException(DiagnosticCodes.InputNotReadable,
                    Directory.Exists(input) ? $"'{input}' is a directory, not an LLVM module" : $"input file '{input}' does not exist");
            }
        }

        LlvmTargets.InitializeAll();
        using var context = new LlvmContext();
        using LlvmModule module = ReadAndLink(context, options.Inputs);

        GradientEntryPoints.Synthesize(module, options.Gradients);
        (IReadOnlyList<string> report, IReadOnlyList<string> warnings) = Differentiate(module, options.Output, options.OptimiseBeforeDifferentiation, options.PrivateScalarAdjointsInParallelRegions);

        using LlvmTargetMachine machine = CreateTargetMachine(module, options, kind);
        if (options.TargetTriple is not null || kind == OutputKind.Ptx || module.TargetTriple.Length == 0)
        {
            machine.ConfigureModule(module);
        }

        string pipeline = options.Passes ?? $"default<O{options.OptimizationLevel}>";
        try
        {
            module.RunPasses(pipeline, machine);
        }
        catch (LlvmException e)
        {
            throw new EnzymeException(DiagnosticCodes.InvalidPassPipeline, EnzymeDiagnostic.OneLine(e.Message));
        }

        string? broken = module.Verify();
        if (broken is not null)
        {
            string dump = options.Output + ".invalid.ll";
            AtomicFileWriter.Write(dump, System.Text.Encoding.UTF8.GetBytes(module.PrintToString()));
            throw new EnzymeException(DiagnosticCodes.GeneratedModuleInvalid,
                $"the optimised module failed verification ({EnzymeDiagnostic.OneLine(broken)}); the IR was written to '{dump}'");
        }

        byte[] bytes = Emit(module, machine, kind);
        try
        {
            AtomicFileWriter.Write(options.Output, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnzymeException(DiagnosticCodes.OutputNotWritable, $"cannot write '{options.Output}': {e.Message}");
        }
        return new PipelineResult(Path.GetFullPath(options.Output), kind, machine.Triple, bytes.LongLength, report) { Warnings = warnings };
    }

    /// <summary>
    /// LLVM reads bitcode only from its own or older versions; a newer producer shows as an epoch or a
    /// record it does not know. Say so, since the reader's own words do not.
    /// </summary>
    private static string NewerLlvmAdvice(string message) =>
        message.Contains("Incompatible epoch", StringComparison.Ordinal) || message.Contains("Unknown attribute kind", StringComparison.Ordinal)
            ? $" (the file looks like bitcode from a newer LLVM than {LlvmToolchain.RequiredMajorVersion}; compile it with clang-{LlvmToolchain.RequiredMajorVersion})"
            : string.Empty;

    private static LlvmModule ReadAndLink(LlvmContext context, IReadOnlyList<string> inputs)
    {
        LlvmModule? linked = null;
        try
        {
            foreach (string input in inputs)
            {
                LlvmModule module;
                try
                {
                    module = context.ParseFile(input);
                }
                catch (LlvmException e)
                {
                    throw new EnzymeException(DiagnosticCodes.InvalidInputModule, EnzymeDiagnostic.OneLine(e.Message) + NewerLlvmAdvice(e.Message));
                }
                if (linked is null)
                {
                    linked = module;
                    continue;
                }
                try
                {
                    linked.Link(module);
                }
                catch (LlvmException e)
                {
                    throw new EnzymeException(DiagnosticCodes.LinkFailed, $"linking '{input}': {EnzymeDiagnostic.OneLine(e.Message)}");
                }
            }
            return linked!;
        }
        catch
        {
            linked?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replaces every Enzyme API call by a call to its derivative, then verifies the module: a
    /// broken derivative is an engine bug, reported with its IR instead of being optimised.
    /// </summary>
    private static (IReadOnlyList<string> Report, IReadOnlyList<string> Warnings) Differentiate(LlvmModule module, string output, bool optimiseFirst, bool privateScalarAdjoints)
    {
        // Fortran's MPI bindings (mpif.h) become the C calls the MPI rules differentiate.
        FortranMpiBindings.Run(module);
        // flang lowers array intrinsics and assignments to runtime calls the engine cannot look into.
        FortranRuntimeSubstitution.Run(module);
        var engine = new DifferentiationEngine(module, optimiseFirst, privateScalarAdjoints);
        if (engine.Run() == 0)
        {
            return ([], []);
        }
        string? broken = module.Verify();
        if (broken is not null)
        {
            string dump = output + ".invalid.ll";
            AtomicFileWriter.Write(dump, System.Text.Encoding.UTF8.GetBytes(module.PrintToString()));
            throw new EnzymeException(DiagnosticCodes.GeneratedModuleInvalid,
                $"a generated derivative failed verification ({EnzymeDiagnostic.OneLine(broken)}); the IR was written to '{dump}'");
        }
        return (engine.Report, engine.Warnings);
    }

    private static LlvmTargetMachine CreateTargetMachine(LlvmModule module, PipelineOptions options, OutputKind kind)
    {
        string triple = options.TargetTriple
            ?? (kind == OutputKind.Ptx ? PipelineOptions.DefaultPtxTriple : null)
            ?? (module.TargetTriple.Length > 0 ? module.TargetTriple : LlvmTargets.DefaultTriple);
        bool isNvptx = triple.StartsWith("nvptx", StringComparison.Ordinal);
        if (kind == OutputKind.Ptx && !isNvptx)
        {
            throw new EnzymeException(DiagnosticCodes.UnsupportedOutput,
                $"a .ptx output needs an NVPTX target, not '{triple}'; use --target nvptx64-nvidia-cuda");
        }
        string cpu = options.Cpu ?? (isNvptx ? PipelineOptions.DefaultPtxCpu : "");
        try
        {
            return LlvmTargetMachine.Create(triple, cpu, level: CodeGenerationLevel(options.OptimizationLevel));
        }
        catch (LlvmException e)
        {
            throw new EnzymeException(DiagnosticCodes.UnknownTarget, $"target '{triple}': {EnzymeDiagnostic.OneLine(e.Message)}");
        }
    }

    private static byte[] Emit(LlvmModule module, LlvmTargetMachine machine, OutputKind kind)
    {
        try
        {
            return kind switch
            {
                OutputKind.Bitcode => module.WriteBitcode(),
                OutputKind.TextualIr => System.Text.Encoding.UTF8.GetBytes(module.PrintToString()),
                OutputKind.Object => machine.Emit(module, LLVMCodeGenFileType.LLVMObjectFile),
                _ => machine.Emit(module, LLVMCodeGenFileType.LLVMAssemblyFile),
            };
        }
        catch (LlvmException e)
        {
            throw new EnzymeException(DiagnosticCodes.CodeGenerationFailed, $"code generation for '{machine.Triple}' failed: {EnzymeDiagnostic.OneLine(e.Message)}");
        }
    }

    private static LLVMCodeGenOptLevel CodeGenerationLevel(int level) => level switch
    {
        0 => LLVMCodeGenOptLevel.LLVMCodeGenLevelNone,
        1 => LLVMCodeGenOptLevel.LLVMCodeGenLevelLess,
        2 => LLVMCodeGenOptLevel.LLVMCodeGenLevelDefault,
        _ => LLVMCodeGenOptLevel.LLVMCodeGenLevelAggressive,
    };

    /// <summary>Only files the pipeline would have written: never an input, never a file of another kind.</summary>
    public static bool MayRemoveOutput(PipelineOptions options)
    {
        string output = Path.GetFullPath(options.Output);
        return OutputKinds.FromPath(output) is not null && !options.Inputs.Any(i => Path.GetFullPath(i) == output);
    }

    private static void DeleteStaleOutput(PipelineOptions options)
    {
        string output = options.Output;
        if (!MayRemoveOutput(options))
        {
            return;
        }
        try
        {
            if (File.Exists(output))
            {
                File.Delete(output);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The failure being reported matters more than a stale file we could not remove.
        }
    }
}
