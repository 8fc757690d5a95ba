using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// The <c>enzyme-ad bindings</c> arguments for the <c>EnzymeGradient</c> metadata beyond the gradient
/// itself: <c>Torch="true"</c> (<c>--torch FILE --torch-layer NAME</c>) and <c>Sizes="x=n"</c>
/// (<c>--sizes NAME:x=n</c>), which the TorchSharp layers and the <c>NAME_check</c> methods use.
/// </summary>
public static class GradientExtensionArguments
{
    public static IEnumerable<string> For(IEnumerable<ITaskItem> gradients, string torchOutputFile)
    {
        var arguments = new List<string>();
        bool anyTorch = false;
        bool torch = torchOutputFile.Length > 0;
        foreach (ITaskItem item in gradients)
        {
            if (GradientSpecification.TryRead(item, out _) is not { } specification)
            {
                continue;
            }
            if (torch && IsTorchLayer(item))
            {
                anyTorch = true;
                arguments.AddRange(["--torch-layer", specification.Name]);
            }
            string sizes = item.GetMetadata("Sizes").Trim();
            if (sizes.Length > 0)
            {
                arguments.AddRange(["--sizes", $"{specification.Name}:{sizes}"]);
            }
        }
        if (anyTorch)
        {
            arguments.AddRange(["--torch", Path.GetFullPath(torchOutputFile)]);
        }
        return arguments;
    }

    public static bool IsTorchLayer(ITaskItem item) => string.Equals(item.GetMetadata("Torch").Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
