using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>
/// Loads the driver library and runs <c>cuInit</c> exactly once per process. Every entry point of
/// the safe layer goes through <see cref="EnsureInitialized"/> before its first driver call.
/// </summary>
internal static class CudaDriver
{
    private static readonly Lazy<string?> s_failureReason = new(Initialize);

    public static bool TryInitialize(out string failureReason)
    {
        failureReason = s_failureReason.Value ?? "";
        return s_failureReason.Value is null;
    }

    public static void EnsureInitialized()
    {
        if (!TryInitialize(out string reason))
        {
            throw new CudaUnavailableException(reason);
        }
    }

    private static unsafe string? Initialize()
    {
        if (!CudaDriverLibrary.TryLoad(out string loadFailure))
        {
            return loadFailure;
        }
        try
        {
            CUresult result = CudaDriverApi.cuInit(0);
            return result == CUresult.CUDA_SUCCESS
                ? null
                : $"cuInit failed: {CudaException.NameOf(result)} ({CudaException.DescriptionOf(result)})";
        }
        catch (EntryPointNotFoundException exception)
        {
            // A stub libcuda (e.g. from a toolkit's stubs/ folder) or a driver far too old.
            return $"{CudaDriverLibrary.FileName} lacks the driver API: {exception.Message}";
        }
    }
}
