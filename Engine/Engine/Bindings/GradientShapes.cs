using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Bindings;

/// <summary>
/// Which requested gradients get a <c>NAME_check</c> method (with a comment for the others) and which
/// become TorchSharp layers. A <c>--torch-layer</c> that cannot be one is an error (ENZ4051).
/// </summary>
public sealed record GradientShapes(
    IReadOnlyList<DifferentiableSignature> Checkable,
    IReadOnlyList<string> NotCheckable,
    IReadOnlyList<DifferentiableSignature> TorchLayers)
{
    public static GradientShapes Classify(BindingsOptions options, IReadOnlyDictionary<string, CFunctionDeclaration> declarations)
    {
        var checkable = new List<DifferentiableSignature>();
        var notCheckable = new List<string>();
        var layers = new List<DifferentiableSignature>();
        foreach (string layer in options.TorchLayers.Where(l => options.Gradients.All(g => g.Name != l)))
        {
            throw new EnzymeException(DiagnosticCodes.TorchLayerNotPossible, $"--torch-layer '{layer}' names no --gradient");
        }
        foreach (GradientSpecification gradient in options.Gradients)
        {
            // Bindings already checked that the primal is declared.
            CFunctionDeclaration primal = declarations[gradient.FunctionName];
            IReadOnlyDictionary<string, string> sizes = options.Sizes.TryGetValue(gradient.Name, out var given) ? given : new Dictionary<string, string>();
            DifferentiableSignature? signature = DifferentiableSignature.TryCreate(gradient, primal, sizes, out string reason);
            if (signature is null && sizes.Count > 0 && reason.StartsWith("Sizes", StringComparison.Ordinal))
            {
                throw new EnzymeException(DiagnosticCodes.TorchLayerNotPossible, $"the gradient '{gradient.Name}' of '{primal.Name}': {reason}; fix the EnzymeGradient item's Sizes");
            }
            if (signature is null)
            {
                notCheckable.Add($"{gradient.Name} has no {gradient.Name}_check: {reason}.");
            }
            else
            {
                checkable.Add(signature);
            }
            if (options.TorchOutput is not null && options.TorchLayers.Contains(gradient.Name))
            {
                layers.Add(TorchLayerWriter.Accept(signature, gradient, reason, out string torchReason)
                    ?? throw new EnzymeException(DiagnosticCodes.TorchLayerNotPossible,
                        $"the gradient '{gradient.Name}' of '{primal.Name}' cannot be a TorchSharp layer: {torchReason}; remove Torch=\"true\" or change the function"));
            }
        }
        return new GradientShapes(checkable, notCheckable, layers);
    }
}
