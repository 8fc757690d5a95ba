using System.Runtime.CompilerServices;

namespace Enzyme.Cuda;

/// <summary>
/// The values passed to one kernel launch, in parameter order. <c>cuLaunchKernel</c> takes an
/// array of pointers, one per parameter, and copies each value at launch time; this builder keeps
/// the values in one managed block and makes that array only while the launch call runs, so
/// nothing has to be pinned or freed by the caller.
/// </summary>
public sealed class KernelArguments
{
    private byte[] _storage;
    private int _used;
    private readonly List<(int Offset, int Size)> _slots;

    public KernelArguments(int expectedCount = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        _storage = new byte[Math.Max(expectedCount, 1) * sizeof(long)];
        _slots = new List<(int Offset, int Size)>(expectedCount);
    }

    public int Count => _slots.Count;

    /// <summary>Appends a scalar or a device pointer (<c>nint</c>) parameter.</summary>
    public KernelArguments Add<T>(T value) where T : unmanaged
    {
        int offset = Reserve(Unsafe.SizeOf<T>(), Math.Min(Unsafe.SizeOf<T>(), 16));
        Unsafe.WriteUnaligned(ref _storage[offset], value);
        return this;
    }

    /// <summary>Appends the device pointer of <paramref name="buffer"/>.</summary>
    public KernelArguments Add<TElement>(DeviceBuffer<TElement> buffer) where TElement : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Add(buffer.DevicePointer);
    }

    /// <summary>Appends a parameter passed by value as raw bytes (a struct declared <c>.param .b8 name[N]</c> in PTX).</summary>
    public KernelArguments AddBytes(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            throw new ArgumentException("A kernel parameter has at least one byte.", nameof(value));
        }
        int offset = Reserve(value.Length, 16);
        value.CopyTo(_storage.AsSpan(offset));
        return this;
    }

    /// <summary>The bytes of parameter <paramref name="index"/> as stored for the launch.</summary>
    public ReadOnlySpan<byte> ValueOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        (int offset, int size) = _slots[index];
        return _storage.AsSpan(offset, size);
    }

    internal ReadOnlySpan<byte> Storage => _storage;

    internal int OffsetOf(int index) => _slots[index].Offset;

    private int Reserve(int size, int alignment)
    {
        int offset = (_used + alignment - 1) / alignment * alignment;
        if (offset + size > _storage.Length)
        {
            Array.Resize(ref _storage, Math.Max(_storage.Length * 2, offset + size));
        }
        _slots.Add((offset, size));
        _used = offset + size;
        return offset;
    }
}
