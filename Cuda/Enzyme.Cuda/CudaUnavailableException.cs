namespace Enzyme.Cuda;

/// <summary>
/// The CUDA driver cannot be used on this machine (library missing, <c>cuInit</c> failed, or no
/// device). Thrown instead of <see cref="DllNotFoundException"/>; check
/// <see cref="CudaDevice.IsAvailable"/> first to avoid it.
/// </summary>
public sealed class CudaUnavailableException(string reason) : Exception($"CUDA is not available: {reason}")
{
    public string Reason { get; } = reason;
}
