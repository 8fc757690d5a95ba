using System.Buffers.Binary;
using System.Text;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>
/// The parts of a Windows DLL the cross-target tests check: the COFF machine, whether the optional
/// header is PE32+, the names its export table gives (what GetProcAddress finds) and the DLLs its
/// import table loads.
/// </summary>
public sealed class PortableExecutableImage
{
    public const ushort MachineAmd64 = 0x8664;

    private const ushort Pe32PlusMagic = 0x20B;

    private PortableExecutableImage(ushort machine, bool isPe32Plus, IReadOnlyList<string> exports, IReadOnlyList<string> importedLibraries)
    {
        Machine = machine;
        IsPe32Plus = isPe32Plus;
        Exports = exports;
        ImportedLibraries = importedLibraries;
    }

    public ushort Machine { get; }

    public bool IsPe32Plus { get; }

    public IReadOnlyList<string> Exports { get; }

    public IReadOnlyList<string> ImportedLibraries { get; }

    public static PortableExecutableImage Read(byte[] image)
    {
        if (image.Length < 0x40 || image[0] != (byte)'M' || image[1] != (byte)'Z')
        {
            throw new InvalidDataException("not a PE file (no MZ header)");
        }
        int pe = (int)U32(image, 0x3C);
        if (U32(image, pe) != 0x00004550)
        {
            throw new InvalidDataException("not a PE file (no PE signature)");
        }
        int coff = pe + 4;
        ushort machine = U16(image, coff);
        int sectionCount = U16(image, coff + 2);
        int optionalSize = U16(image, coff + 16);
        int optional = coff + 20;
        bool isPe32Plus = U16(image, optional) == Pe32PlusMagic;
        if (!isPe32Plus)
        {
            return new PortableExecutableImage(machine, false, [], []);
        }
        // PE32+: NumberOfRvaAndSizes at 108, the data directories (RVA, size) from 112.
        int directoryCount = (int)U32(image, optional + 108);
        var sections = new List<(uint Address, uint Size, uint Raw)>();
        for (int i = 0; i < sectionCount; i++)
        {
            int header = optional + optionalSize + i * 40;
            sections.Add((U32(image, header + 12), Math.Max(U32(image, header + 8), U32(image, header + 16)), U32(image, header + 20)));
        }
        int Offset(uint rva)
        {
            foreach ((uint address, uint size, uint raw) in sections)
            {
                if (rva >= address && rva < address + size)
                {
                    return checked((int)(rva - address + raw));
                }
            }
            throw new InvalidDataException($"RVA 0x{rva:X} is in no section");
        }
        uint Directory(int index) => index < directoryCount ? U32(image, optional + 112 + index * 8) : 0;

        var exports = new List<string>();
        if (Directory(0) is var exportRva and not 0)
        {
            int export = Offset(exportRva);
            int nameCount = (int)U32(image, export + 24);
            int names = Offset(U32(image, export + 32));
            for (int i = 0; i < nameCount; i++)
            {
                exports.Add(CString(image, Offset(U32(image, names + i * 4))));
            }
        }
        var imports = new List<string>();
        if (Directory(1) is var importRva and not 0)
        {
            for (int descriptor = Offset(importRva); U32(image, descriptor + 12) is var name and not 0; descriptor += 20)
            {
                imports.Add(CString(image, Offset(name)));
            }
        }
        return new PortableExecutableImage(machine, true, exports, imports);
    }

    private static ushort U16(byte[] image, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(offset));

    private static uint U32(byte[] image, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(offset));

    private static string CString(byte[] image, int offset)
    {
        int end = Array.IndexOf(image, (byte)0, offset);
        return Encoding.ASCII.GetString(image, offset, end - offset);
    }
}
