using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Pipeline;
using Enzyme.Llvm.Clang;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// Reads the externally visible C functions of the sources with libclang, adds the requested
/// gradients, and writes the C# bindings file and/or the C header atomically.
/// </summary>
public static class BindingsGenerator
{
    public static int Run(BindingsOptions options)
    {
        var functions = new List<NativeFunction>();
        var byName = new Dictionary<string, CFunctionDeclaration>(StringComparer.Ordinal);
        var reader = new CDeclarationReader();
        try
        {
            foreach (string source in options.Sources)
            {
                if (!File.Exists(source))
                {
                    throw new EnzymeException(DiagnosticCodes.InputNotReadable, $"source '{source}' does not exist");
                }
                IReadOnlyList<CFunctionDeclaration> declarations;
                try
                {
                    // Fortran's bind(c) interfaces are C declarations in another syntax; libclang reads the rest.
                    // Rust's exported extern "C" functions too, by their own reader.
                    declarations = FortranInterfaceReader.IsFortranSource(source)
                        ? FortranInterfaceReader.ReadFunctions(source)
                        : RustSignatureReader.IsRustSource(source)
                            ? RustSignatureReader.ReadFunctions(source)
                            : reader.ReadFunctions(source, options.ClangArguments);
                }
                catch (ClangParseException e)
                {
                    throw new EnzymeException(DiagnosticCodes.DeclarationsNotParsed,
                        $"the C declarations of '{source}' could not be read: {EnzymeDiagnostic.OneLine(e.Message)}");
                }
                foreach (CFunctionDeclaration declaration in declarations)
                {
                    // The Enzyme API's own declarations are requests, not functions of the library.
                    if (declaration.Name.Contains("__enzyme_", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    if (byName.TryAdd(declaration.Name, declaration))
                    {
                        functions.Add(new NativeFunction(declaration, $"{Path.GetFileName(declaration.File)}:{declaration.Line}"));
                    }
                }
            }
        }
        catch (LlvmToolchainNotFoundException missing)
        {
            throw new EnzymeException(DiagnosticCodes.ToolchainNotFound, missing.Message);
        }
        foreach (GradientSpecification gradient in options.Gradients)
        {
            if (!byName.TryGetValue(gradient.FunctionName, out CFunctionDeclaration? primal))
            {
                throw new EnzymeException(DiagnosticCodes.GradientFunctionMissing,
                    $"the gradient '{gradient.Name}' asks for the derivative of '{gradient.FunctionName}', which no source declares; check the EnzymeGradient item's Include");
            }
            CFunctionDeclaration derived = GradientDeclarations.Derive(gradient, primal);
            if (byName.TryAdd(derived.Name, derived))
            {
                functions.Add(new NativeFunction(derived, $"{(gradient.IsForward ? "forward" : "reverse")}-mode derivative of {gradient.FunctionName}"));
            }
        }
        GradientShapes shapes = GradientShapes.Classify(options, byName);
        if (options.Output is not null)
        {
            WriteOutput(options.Output, CSharpBindingsWriter.Write(functions, options.Library, options.Namespace, options.Class, options.PortableCLong)
                + GradientCheckWriter.Write(shapes.Checkable, shapes.NotCheckable, options.Class));
        }
        if (options.TorchOutput is not null)
        {
            WriteOutput(options.TorchOutput, TorchLayerWriter.Write(shapes.TorchLayers, options.Library, options.Namespace, options.Class));
        }
        if (options.CHeaderOutput is not null)
        {
            WriteOutput(options.CHeaderOutput, CHeaderWriter.Write(functions, options.Library));
        }
        return functions.Count;
    }

    private static void WriteOutput(string path, string text)
    {
        try
        {
            AtomicFileWriter.Write(path, System.Text.Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EnzymeException(DiagnosticCodes.OutputNotWritable, $"cannot write '{path}': {e.Message}");
        }
    }
}
