using System.Runtime.CompilerServices;
using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>
/// An array of <typeparamref name="T"/> in device memory. Copies are synchronous with respect to
/// the host: <see cref="CopyTo"/> waits for the kernels launched before it. Dispose frees the
/// memory; there is no finalizer, because freeing needs the context current on a thread.
/// </summary>
public sealed class DeviceBuffer<T> : IDisposable where T : unmanaged
{
    private readonly nint _pointer;
    private bool _disposed;

    public unsafe DeviceBuffer(CudaContext context, int length)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Context = context;
        Length = length;
        context.MakeCurrent();
        nint pointer;
        CudaException.ThrowIfFailed(CudaDriverApi.cuMemAlloc_v2(&pointer, (nint)SizeInBytes), $"cuMemAlloc_v2({SizeInBytes} bytes)");
        _pointer = pointer;
    }

    public CudaContext Context { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    public long SizeInBytes => (long)Length * Unsafe.SizeOf<T>();

    /// <summary>The device address, as passed to a kernel's pointer parameter.</summary>
    public nint DevicePointer
    {
        get
        {
            ThrowIfUnusable();
            return _pointer;
        }
    }

    /// <summary>A new buffer holding a copy of <paramref name="source"/>.</summary>
    public static DeviceBuffer<T> CopiedFrom(CudaContext context, ReadOnlySpan<T> source)
    {
        var buffer = new DeviceBuffer<T>(context, source.Length);
        buffer.CopyFrom(source);
        return buffer;
    }

    /// <summary>Copies <paramref name="source"/> to the first <c>source.Length</c> elements.</summary>
    public unsafe void CopyFrom(ReadOnlySpan<T> source)
    {
        ThrowIfLongerThanBuffer(source.Length, nameof(source));
        ThrowIfUnusable();
        if (source.IsEmpty)
        {
            return;
        }
        Context.MakeCurrent();
        fixed (T* host = source)
        {
            CudaException.ThrowIfFailed(CudaDriverApi.cuMemcpyHtoD_v2(_pointer, host, BytesOf(source.Length)), "cuMemcpyHtoD_v2");
        }
    }

    /// <summary>Copies the first <c>destination.Length</c> elements to <paramref name="destination"/>.</summary>
    public unsafe void CopyTo(Span<T> destination)
    {
        ThrowIfLongerThanBuffer(destination.Length, nameof(destination));
        ThrowIfUnusable();
        if (destination.IsEmpty)
        {
            return;
        }
        Context.MakeCurrent();
        fixed (T* host = destination)
        {
            CudaException.ThrowIfFailed(CudaDriverApi.cuMemcpyDtoH_v2(host, _pointer, BytesOf(destination.Length)), "cuMemcpyDtoH_v2");
        }
    }

    public T[] ToArray()
    {
        var result = new T[Length];
        CopyTo(result);
        return result;
    }

    /// <summary>Sets every byte of the buffer to zero.</summary>
    public void Clear()
    {
        ThrowIfUnusable();
        Context.MakeCurrent();
        CudaException.ThrowIfFailed(CudaDriverApi.cuMemsetD8_v2(_pointer, 0, (nint)SizeInBytes), "cuMemsetD8_v2");
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // A released primary context takes its allocations with it; freeing then would name a dead context.
        if (!Context.IsDisposed)
        {
            Context.MakeCurrent();
            CudaException.ThrowIfFailed(CudaDriverApi.cuMemFree_v2(_pointer), "cuMemFree_v2");
        }
    }

    private static nint BytesOf(int elementCount) => (nint)((long)elementCount * Unsafe.SizeOf<T>());

    private void ThrowIfLongerThanBuffer(int length, string parameterName)
    {
        if (length > Length)
        {
            throw new ArgumentException($"{length} elements do not fit a device buffer of {Length}.", parameterName);
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Context.IsDisposed, Context);
    }
}
