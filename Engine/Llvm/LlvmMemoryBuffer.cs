using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>Owns an <c>LLVMMemoryBuffer</c>: file contents to parse, or bytes LLVM produced.</summary>
public sealed unsafe class LlvmMemoryBuffer : IDisposable
{
    private LLVMMemoryBufferRef _handle;

    internal LlvmMemoryBuffer(LLVMMemoryBufferRef handle, string name)
    {
        _handle = handle;
        Name = name;
    }

    public LLVMMemoryBufferRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmMemoryBuffer)) : _handle;

    /// <summary>The buffer identifier LLVM uses in its messages (the path for files).</summary>
    public string Name { get; }

    public static LlvmMemoryBuffer FromFile(string path)
    {
        LLVMMemoryBufferRef buffer;
        sbyte* message = null;
        fixed (byte* p = NativeUtf8.Encode(path))
        {
            if (LLVM.LLVMCreateMemoryBufferWithContentsOfFile((sbyte*)p, &buffer, &message) != 0)
            {
                throw new LlvmException($"{path}: {NativeUtf8.TakeMessage(message)}");
            }
        }
        return new LlvmMemoryBuffer(buffer, path);
    }

    public static LlvmMemoryBuffer FromBytes(ReadOnlySpan<byte> bytes, string name)
    {
        fixed (byte* data = bytes)
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmMemoryBuffer(LLVM.LLVMCreateMemoryBufferWithMemoryRangeCopy((sbyte*)data, (nuint)bytes.Length, (sbyte*)n), name);
        }
    }

    public ReadOnlySpan<byte> Bytes => new(LLVM.LLVMGetBufferStart(Handle), checked((int)LLVM.LLVMGetBufferSize(Handle)));

    public byte[] ToArray() => Bytes.ToArray();

    public void Dispose()
    {
        if (!_handle.IsNull)
        {
            LLVM.LLVMDisposeMemoryBuffer(_handle);
            _handle = default;
        }
    }
}
