namespace Enzyme.Engine.Tests.Cli;

/// <summary>LLVM bitstream writing, least significant bit first: fixed-width fields and VBR chunks.</summary>
public sealed class BitWriter
{
    private readonly List<bool> _bits = [];

    public void Fixed(int value, int width)
    {
        for (int i = 0; i < width; i++)
        {
            _bits.Add(((value >> i) & 1) != 0);
        }
    }

    /// <summary>Chunks of <paramref name="width"/> bits, the top bit of each saying another follows.</summary>
    public void Vbr(int value, int width)
    {
        int continuation = 1 << (width - 1);
        while (value >= continuation)
        {
            Fixed((value & (continuation - 1)) | continuation, width);
            value >>= width - 1;
        }
        Fixed(value, width);
    }

    public void AlignTo32()
    {
        while (_bits.Count % 32 != 0)
        {
            _bits.Add(false);
        }
    }

    public byte[] ToArray()
    {
        var bytes = new byte[(_bits.Count + 7) / 8];
        for (int i = 0; i < _bits.Count; i++)
        {
            if (_bits[i])
            {
                bytes[i / 8] |= (byte)(1 << (i % 8));
            }
        }
        return bytes;
    }
}
