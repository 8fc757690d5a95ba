using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>A CUDA device, with the properties read from the driver when it is opened.</summary>
public sealed class CudaDevice
{
    private CudaDevice(int ordinal, CUdevice handle, string name, ComputeCapability computeCapability,
        long totalMemoryBytes, int multiprocessorCount, int maxThreadsPerBlock)
    {
        Ordinal = ordinal;
        Handle = handle;
        Name = name;
        ComputeCapability = computeCapability;
        TotalMemoryBytes = totalMemoryBytes;
        MultiprocessorCount = multiprocessorCount;
        MaxThreadsPerBlock = maxThreadsPerBlock;
    }

    public int Ordinal { get; }

    public CUdevice Handle { get; }

    public string Name { get; }

    public ComputeCapability ComputeCapability { get; }

    public long TotalMemoryBytes { get; }

    public int MultiprocessorCount { get; }

    public int MaxThreadsPerBlock { get; }

    /// <summary>
    /// True when the driver loads, initialises and reports at least one device; otherwise false
    /// with the reason. Never throws, so tests and samples can skip with the reason.
    /// </summary>
    public static bool IsAvailable(out string reason)
    {
        if (!CudaDriver.TryInitialize(out reason))
        {
            return false;
        }
        int count = CountDevices(out CUresult result);
        if (result != CUresult.CUDA_SUCCESS)
        {
            reason = $"cuDeviceGetCount failed: {CudaException.NameOf(result)} ({CudaException.DescriptionOf(result)})";
            return false;
        }
        if (count == 0)
        {
            reason = "the CUDA driver is installed but reports no device";
            return false;
        }
        reason = "";
        return true;
    }

    /// <summary>The number of devices the driver reports.</summary>
    /// <exception cref="CudaUnavailableException">No usable driver.</exception>
    public static int Count
    {
        get
        {
            CudaDriver.EnsureInitialized();
            int count = CountDevices(out CUresult result);
            CudaException.ThrowIfFailed(result, "cuDeviceGetCount");
            return count;
        }
    }

    /// <summary>Opens the device with the given ordinal (0 is the first).</summary>
    public static unsafe CudaDevice Get(int ordinal)
    {
        int count = Count;
        if (ordinal < 0 || ordinal >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"The driver reports {count} device(s).");
        }
        CUdevice handle;
        CudaException.ThrowIfFailed(CudaDriverApi.cuDeviceGet(&handle, ordinal), $"cuDeviceGet({ordinal})");

        const int NameCapacity = 256;
        sbyte* name = stackalloc sbyte[NameCapacity];
        CudaException.ThrowIfFailed(CudaDriverApi.cuDeviceGetName(name, NameCapacity, handle), "cuDeviceGetName");

        nint totalMemory;
        CudaException.ThrowIfFailed(CudaDriverApi.cuDeviceTotalMem_v2(&totalMemory, handle), "cuDeviceTotalMem_v2");

        return new CudaDevice(
            ordinal,
            handle,
            new string(name),
            new ComputeCapability(
                Attribute(handle, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                Attribute(handle, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)),
            totalMemory,
            Attribute(handle, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
            Attribute(handle, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK));
    }

    public override string ToString() => $"{Name} ({ComputeCapability}, device {Ordinal})";

    private static unsafe int CountDevices(out CUresult result)
    {
        int count = 0;
        result = CudaDriverApi.cuDeviceGetCount(&count);
        return count;
    }

    private static unsafe int Attribute(CUdevice device, CUdevice_attribute attribute)
    {
        int value;
        CudaException.ThrowIfFailed(CudaDriverApi.cuDeviceGetAttribute(&value, attribute, device), $"cuDeviceGetAttribute({attribute})");
        return value;
    }
}
