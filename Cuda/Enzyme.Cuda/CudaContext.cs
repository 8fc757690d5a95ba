using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>
/// The device's primary context, retained for the lifetime of this object. The driver binds a
/// context to a thread, so every operation of the safe layer makes it current on the calling
/// thread first: buffers, modules and kernels may be used from any thread.
/// </summary>
public sealed class CudaContext : IDisposable
{
    // The context this thread last made current, so the common case costs no driver call.
    [ThreadStatic] private static nint t_currentContext;

    private readonly CUcontext _handle;
    private bool _disposed;

    public unsafe CudaContext(CudaDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        CudaDriver.EnsureInitialized();
        CUcontext handle;
        CudaException.ThrowIfFailed(CudaDriverApi.cuDevicePrimaryCtxRetain(&handle, device.Handle), $"cuDevicePrimaryCtxRetain({device.Ordinal})");
        _handle = handle;
        Device = device;
        MakeCurrent();
    }

    public CudaDevice Device { get; }

    public CUcontext Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _handle;
        }
    }

    public bool IsDisposed => _disposed;

    /// <summary>Opens the first device and retains its primary context.</summary>
    public static CudaContext CreateForFirstDevice() => new(CudaDevice.Get(0));

    /// <summary>Waits for all work launched in this context; launch failures surface here.</summary>
    public void Synchronize()
    {
        MakeCurrent();
        CudaException.ThrowIfFailed(CudaDriverApi.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /// <summary>Binds this context to the calling thread (a no-op when it already is).</summary>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (t_currentContext != _handle.Handle)
        {
            CudaException.ThrowIfFailed(CudaDriverApi.cuCtxSetCurrent(_handle), "cuCtxSetCurrent");
            t_currentContext = _handle.Handle;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (t_currentContext == _handle.Handle)
        {
            CudaException.ThrowIfFailed(CudaDriverApi.cuCtxSetCurrent(default), "cuCtxSetCurrent(NULL)");
            t_currentContext = 0;
        }
        CudaException.ThrowIfFailed(CudaDriverApi.cuDevicePrimaryCtxRelease_v2(Device.Handle), $"cuDevicePrimaryCtxRelease_v2({Device.Ordinal})");
    }
}
