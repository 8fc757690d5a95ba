using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda;

/// <summary>A <c>.entry</c> function of a loaded module; valid while its module is.</summary>
public sealed class CudaKernel
{
    internal CudaKernel(CudaModule module, CUfunction handle, string name)
    {
        Module = module;
        Handle = handle;
        Name = name;
    }

    public CudaModule Module { get; }

    public CUfunction Handle { get; }

    public string Name { get; }

    /// <summary>
    /// Queues the kernel on the context's default stream. The launch is asynchronous: errors
    /// inside the kernel surface at the next synchronising call (<see cref="CudaContext.Synchronize"/>
    /// or a copy back to the host).
    /// </summary>
    public unsafe void Launch(LaunchDimensions grid, LaunchDimensions block, KernelArguments arguments, uint sharedMemoryBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Module.ThrowIfUnusable();
        Module.Context.MakeCurrent();

        int count = arguments.Count;
        // A kernel has at most a few kilobytes of parameters, so the pointer array fits the stack.
        void** pointers = stackalloc void*[Math.Max(count, 1)];
        fixed (byte* storage = arguments.Storage)
        {
            for (int index = 0; index < count; index++)
            {
                pointers[index] = storage + arguments.OffsetOf(index);
            }
            CudaException.ThrowIfFailed(
                CudaDriverApi.cuLaunchKernel(Handle, grid.X, grid.Y, grid.Z, block.X, block.Y, block.Z,
                    sharedMemoryBytes, 0, count == 0 ? null : pointers, null),
                $"cuLaunchKernel(\"{Name}\", grid {grid}, block {block}, {count} argument(s))");
        }
    }

    public override string ToString() => Name;
}
