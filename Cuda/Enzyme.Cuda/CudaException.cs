using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>
/// A driver API call failed. The message names the call, the <c>CUresult</c> name and the
/// driver's description, plus the PTX JIT's error log when a module failed to load.
/// </summary>
public class CudaException : Exception
{
    public CudaException(string call, CUresult result, string? jitLog = null)
        : base(Describe(call, result, jitLog))
    {
        Call = call;
        Result = result;
        ResultName = NameOf(result);
        JitLog = jitLog ?? "";
    }

    /// <summary>The driver function and what it was asked for, e.g. <c>cuModuleGetFunction("saxpy")</c>.</summary>
    public string Call { get; }

    public CUresult Result { get; }

    /// <summary>The driver's own name of <see cref="Result"/>, e.g. <c>CUDA_ERROR_INVALID_PTX</c>.</summary>
    public string ResultName { get; }

    /// <summary>What the PTX JIT reported when <c>cuModuleLoadDataEx</c> failed; empty otherwise.</summary>
    public string JitLog { get; }

    /// <summary>Throws when <paramref name="result"/> is not <c>CUDA_SUCCESS</c>.</summary>
    public static void ThrowIfFailed(CUresult result, string call)
    {
        if (result != CUresult.CUDA_SUCCESS)
        {
            throw new CudaException(call, result);
        }
    }

    internal static unsafe string NameOf(CUresult result)
    {
        sbyte* name = null;
        // cuGetErrorName itself fails for codes newer than the installed driver knows.
        return CudaDriverApi.cuGetErrorName(result, &name) == CUresult.CUDA_SUCCESS && name != null
            ? new string(name)
            : $"CUresult {(int)result}";
    }

    internal static unsafe string DescriptionOf(CUresult result)
    {
        sbyte* text = null;
        return CudaDriverApi.cuGetErrorString(result, &text) == CUresult.CUDA_SUCCESS && text != null
            ? new string(text)
            : "no description from the driver";
    }

    private static string Describe(string call, CUresult result, string? jitLog)
    {
        string message = $"{call} failed: {NameOf(result)} ({DescriptionOf(result)})";
        return string.IsNullOrWhiteSpace(jitLog) ? message : $"{message}\nPTX JIT log:\n{jitLog.TrimEnd()}";
    }
}
