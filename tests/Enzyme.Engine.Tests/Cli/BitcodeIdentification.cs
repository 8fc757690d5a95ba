namespace Enzyme.Engine.Tests.Cli;

/// <summary>
/// Rewrites the IDENTIFICATION_BLOCK of a bitcode file (producer string and epoch), to fabricate
/// bitcode "from another LLVM" out of a valid file. The new block has the same length in 32-bit
/// words, because the module block's VST offset counts words from the identification block's start.
/// </summary>
public static class BitcodeIdentification
{
    private const int IdentificationBlockId = 13;
    private const int StringRecord = 1;
    private const int EpochRecord = 2;

    public static byte[] Replace(byte[] bitcode, string producer, int epoch)
    {
        if (bitcode.Length < 12 || bitcode[0] != 'B' || bitcode[1] != 'C' || bitcode[2] != 0xC0 || bitcode[3] != 0xDE)
        {
            throw new ArgumentException("not a raw bitcode file (BC C0 DE)", nameof(bitcode));
        }
        // After the magic: ENTER_SUBBLOCK (abbrev id 1, width 2), block id (vbr8), abbrev width (vbr4),
        // aligned to 32 bits (bytes 4..7), then the block's length in words (bytes 8..11).
        int words = BitConverter.ToInt32(bitcode, 8);
        int end = 12 + words * 4;

        var body = new BitWriter();
        UnabbreviatedRecord(body, StringRecord, producer.Select(c => (int)c).ToArray());
        UnabbreviatedRecord(body, EpochRecord, [epoch]);
        body.Fixed(0, 5); // END_BLOCK
        body.AlignTo32();
        byte[] bodyBytes = body.ToArray();
        if (bodyBytes.Length != words * 4)
        {
            throw new ArgumentException($"producer '{producer}' gives a block of {bodyBytes.Length / 4} words, the file's has {words}; use a string of another length");
        }

        var header = new BitWriter();
        header.Fixed(1, 2);
        header.Vbr(IdentificationBlockId, 8);
        header.Vbr(5, 4);
        header.AlignTo32();
        return [.. bitcode[..4], .. header.ToArray(), .. BitConverter.GetBytes(words), .. bodyBytes, .. bitcode[end..]];
    }

    // UNABBREV_RECORD (abbrev id 3 at width 5): code, operand count and operands, each vbr6.
    private static void UnabbreviatedRecord(BitWriter writer, int code, int[] operands)
    {
        writer.Fixed(3, 5);
        writer.Vbr(code, 6);
        writer.Vbr(operands.Length, 6);
        foreach (int operand in operands)
        {
            writer.Vbr(operand, 6);
        }
    }
}
