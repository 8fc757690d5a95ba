using System.Buffers.Binary;
using System.Text;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>
/// The parts of a 64-bit little-endian ELF shared object the cross-target tests check: the machine
/// and the functions its dynamic symbol table defines (what dlsym finds).
/// </summary>
public sealed class ElfImage
{
    public const ushort MachineX86_64 = 0x3E;
    public const ushort MachineAArch64 = 0xB7;

    private ElfImage(ushort machine, IReadOnlyList<string> exportedFunctions)
    {
        Machine = machine;
        ExportedFunctions = exportedFunctions;
    }

    public ushort Machine { get; }

    /// <summary>Defined global or weak functions of <c>.dynsym</c>.</summary>
    public IReadOnlyList<string> ExportedFunctions { get; }

    public static ElfImage Read(byte[] image)
    {
        if (image.Length < 64 || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }
        if (image[4] != 2 || image[5] != 1)
        {
            throw new InvalidDataException($"not a 64-bit little-endian ELF file (class {image[4]}, data {image[5]})");
        }
        ushort machine = U16(image, 0x12);
        long sectionHeaders = (long)U64(image, 0x28);
        int sectionHeaderSize = U16(image, 0x3A);
        int sectionCount = U16(image, 0x3C);
        var functions = new List<string>();
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)(sectionHeaders + (long)i * sectionHeaderSize));
            const uint dynamicSymbols = 11;
            if (U32(image, header + 4) != dynamicSymbols)
            {
                continue;
            }
            int symbols = checked((int)U64(image, header + 0x18));
            int size = checked((int)U64(image, header + 0x20));
            int stringHeader = checked((int)(sectionHeaders + (long)U32(image, header + 0x28) * sectionHeaderSize));
            int strings = checked((int)U64(image, stringHeader + 0x18));
            const int symbolSize = 24;
            for (int symbol = symbols; symbol + symbolSize <= symbols + size; symbol += symbolSize)
            {
                byte info = image[symbol + 4];
                int binding = info >> 4, type = info & 0xF;
                ushort section = U16(image, symbol + 6);
                // STT_FUNC, STB_GLOBAL or STB_WEAK, defined here (section index not SHN_UNDEF).
                if (type == 2 && binding is 1 or 2 && section != 0)
                {
                    functions.Add(CString(image, strings + (int)U32(image, symbol)));
                }
            }
        }
        return new ElfImage(machine, functions);
    }

    private static ushort U16(byte[] image, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(offset));

    private static uint U32(byte[] image, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(offset));

    private static ulong U64(byte[] image, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(offset));

    private static string CString(byte[] image, int offset)
    {
        int end = Array.IndexOf(image, (byte)0, offset);
        return Encoding.ASCII.GetString(image, offset, end - offset);
    }
}
