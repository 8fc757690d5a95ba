using System.Reflection;
using System.Text;
using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>
/// PTX compiled by the driver's JIT for the context's device. A PTX the JIT rejects throws a
/// <see cref="CudaException"/> carrying the JIT's error log (line and reason).
/// </summary>
public sealed class CudaModule : IDisposable
{
    // Enough for the JIT's messages about a whole module; longer logs are cut by the driver.
    private const int JitLogCapacity = 16 * 1024;

    private readonly CUmodule _handle;
    private readonly Dictionary<string, CudaKernel> _kernels = new(StringComparer.Ordinal);
    private bool _disposed;

    private CudaModule(CudaContext context, CUmodule handle, string jitInfoLog)
    {
        Context = context;
        _handle = handle;
        JitInfoLog = jitInfoLog;
    }

    public CudaContext Context { get; }

    /// <summary>What the JIT reported while compiling the module (e.g. register use); often empty.</summary>
    public string JitInfoLog { get; }

    public static CudaModule FromPtx(CudaContext context, string ptx)
    {
        ArgumentNullException.ThrowIfNull(ptx);
        return FromPtx(context, Encoding.UTF8.GetBytes(ptx));
    }

    /// <summary>Loads PTX text given as UTF-8 bytes (as read from a file or a resource).</summary>
    public static unsafe CudaModule FromPtx(CudaContext context, ReadOnlySpan<byte> ptx)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ptx.IsEmpty)
        {
            throw new ArgumentException("The PTX is empty.", nameof(ptx));
        }
        // The driver reads the image as a NUL-terminated string.
        byte[] image = new byte[ptx.Length + 1];
        ptx.CopyTo(image);
        byte[] errorLog = new byte[JitLogCapacity];
        byte[] infoLog = new byte[JitLogCapacity];

        context.MakeCurrent();
        CUmodule handle;
        CUresult result;
        fixed (byte* imagePointer = image)
        fixed (byte* errorLogPointer = errorLog)
        fixed (byte* infoLogPointer = infoLog)
        {
            CUjit_option* options = stackalloc CUjit_option[]
            {
                CUjit_option.CU_JIT_ERROR_LOG_BUFFER,
                CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
                CUjit_option.CU_JIT_INFO_LOG_BUFFER,
                CUjit_option.CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES,
            };
            // Sizes are passed by value in the pointer-sized slot, as the driver API specifies.
            void** values = stackalloc void*[]
            {
                errorLogPointer, (void*)(nint)JitLogCapacity, infoLogPointer, (void*)(nint)JitLogCapacity,
            };
            result = CudaDriverApi.cuModuleLoadDataEx(&handle, imagePointer, 4, options, values);
        }
        if (result != CUresult.CUDA_SUCCESS)
        {
            throw new CudaException("cuModuleLoadDataEx", result, ReadLog(errorLog));
        }
        return new CudaModule(context, handle, ReadLog(infoLog));
    }

    /// <summary>Loads PTX embedded in <paramref name="assembly"/> under the manifest resource name <paramref name="resourceName"/>.</summary>
    public static CudaModule FromResource(CudaContext context, Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourceName);
        using Stream stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException(
                $"{assembly.GetName().Name} has no embedded resource '{resourceName}'. It has: {string.Join(", ", assembly.GetManifestResourceNames())}.",
                nameof(resourceName));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return FromPtx(context, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>The <c>.entry</c> named <paramref name="name"/> (the PTX name, mangled when the source was C++).</summary>
    /// <exception cref="CudaException"><c>CUDA_ERROR_NOT_FOUND</c> when the module has no such entry.</exception>
    public unsafe CudaKernel GetKernel(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfUnusable();
        if (_kernels.TryGetValue(name, out CudaKernel? cached))
        {
            return cached;
        }
        Context.MakeCurrent();
        byte[] utf8Name = Encoding.UTF8.GetBytes(name + "\0");
        CUfunction function;
        fixed (byte* namePointer = utf8Name)
        {
            CudaException.ThrowIfFailed(CudaDriverApi.cuModuleGetFunction(&function, _handle, (sbyte*)namePointer), $"cuModuleGetFunction(\"{name}\")");
        }
        var kernel = new CudaKernel(this, function, name);
        _kernels.Add(name, kernel);
        return kernel;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _kernels.Clear();
        // A released primary context takes its modules with it; unloading then would name a dead context.
        if (!Context.IsDisposed)
        {
            Context.MakeCurrent();
            CudaException.ThrowIfFailed(CudaDriverApi.cuModuleUnload(_handle), "cuModuleUnload");
        }
    }

    internal void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ObjectDisposedException.ThrowIf(Context.IsDisposed, Context);
    }

    private static string ReadLog(byte[] log)
    {
        int length = Array.IndexOf(log, (byte)0);
        return Encoding.UTF8.GetString(log, 0, length < 0 ? log.Length : length).Trim();
    }
}
