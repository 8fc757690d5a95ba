using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Enzyme.Cuda.Interop;

/// <summary>
/// The one place that finds the CUDA driver library. It is loaded once, on first use; a machine
/// without the NVIDIA driver gets a reason string instead of a <see cref="DllNotFoundException"/>.
/// </summary>
public static class CudaDriverLibrary
{
    private static readonly Lazy<(nint Handle, string? FailureReason)> s_outcome = new(Load);

    /// <summary>The file name the dynamic loader is asked for on this platform.</summary>
    public static string FileName => OperatingSystem.IsWindows() ? "nvcuda.dll" : CudaDriverApi.LibraryName;

    /// <summary>Loads the driver library (once); false with the loader's reason when it is not installed.</summary>
    public static bool TryLoad(out string failureReason)
    {
        (nint handle, string? reason) = s_outcome.Value;
        failureReason = reason ?? "";
        return handle != 0;
    }

#pragma warning disable CA2255 // A module initialiser is the intended way to register a resolver before first use.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(CudaDriverLibrary).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == CudaDriverApi.LibraryName ? s_outcome.Value.Handle : 0;

    private static (nint Handle, string? FailureReason) Load()
    {
        try
        {
            return (NativeLibrary.Load(FileName), null);
        }
        catch (DllNotFoundException exception)
        {
            return (0, $"{FileName} could not be loaded, so no NVIDIA driver is installed here ({exception.Message.Trim()})");
        }
        catch (BadImageFormatException exception)
        {
            return (0, $"{FileName} is not a driver library for this process: {exception.Message}");
        }
    }
}
