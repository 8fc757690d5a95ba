using System.Buffers.Binary;
using System.Text;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// The parts of a little-endian ELF64 shared object that symbol versioning uses, read from its section
/// headers: the versions it needs (<c>.gnu.version_r</c>), the versions it defines (<c>.gnu.version_d</c>)
/// and which version indexes are bound by a dynamic relocation (<c>.rela.dyn</c>, <c>.rela.plt</c> against
/// <c>.dynsym</c>, looked up in <c>.gnu.version</c>). Anything else is an <see cref="InvalidDataException"/>.
/// </summary>
public sealed class ElfSharedObject
{
    private const uint SectionRel = 9;
    private const uint SectionRela = 4;
    private const uint SectionDynamicSymbols = 11;
    private const uint SectionVersionDefinitions = 0x6ffffffd;
    private const uint SectionVersionRequirements = 0x6ffffffe;
    private const uint SectionVersionSymbols = 0x6fffffff;

    private readonly byte[] _bytes;
    private readonly List<Section> _sections = [];

    private sealed record Section(int Number, uint Type, long Offset, long Size, int Link, long EntrySize);

    public ElfSharedObject(byte[] bytes)
    {
        _bytes = bytes;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }
        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException("not a little-endian ELF64 file");
        }
        long sectionHeaders = (long)U64(0x28);
        int headerSize = U16(0x3a);
        int sectionCount = U16(0x3c);
        for (int i = 0; i < sectionCount; i++)
        {
            long header = sectionHeaders + (long)i * headerSize;
            Need(header, 64);
            _sections.Add(new Section(i, U32(header + 4), (long)U64(header + 24), (long)U64(header + 32), (int)U32(header + 40), (long)U64(header + 56)));
        }
    }

    /// <summary>Every <c>Vernaux</c> entry, in file order.</summary>
    public IReadOnlyList<ElfVersionRequirement> RequiredVersions()
    {
        var requirements = new List<ElfVersionRequirement>();
        foreach (Section section in _sections.Where(s => s.Type == SectionVersionRequirements))
        {
            Section strings = StringTableOf(section);
            long need = section.Offset;
            while (true)
            {
                Need(need, 16);
                int auxCount = U16(need + 2);
                string file = StringAt(strings, U32(need + 4));
                long aux = need + U32(need + 8);
                for (int i = 0; i < auxCount; i++)
                {
                    Need(aux, 16);
                    requirements.Add(new ElfVersionRequirement(file, StringAt(strings, U32(aux + 8)), U16(aux + 4), U16(aux + 6), aux + 4));
                    uint nextAux = U32(aux + 12);
                    if (nextAux == 0)
                    {
                        break;
                    }
                    aux += nextAux;
                }
                uint next = U32(need + 12);
                if (next == 0)
                {
                    break;
                }
                need += next;
            }
        }
        return requirements;
    }

    /// <summary>The names of the versions the object defines (<c>Verdef</c>, first <c>Verdaux</c> of each).</summary>
    public IReadOnlySet<string> DefinedVersions()
    {
        var versions = new HashSet<string>(StringComparer.Ordinal);
        foreach (Section section in _sections.Where(s => s.Type == SectionVersionDefinitions))
        {
            Section strings = StringTableOf(section);
            long definition = section.Offset;
            while (true)
            {
                Need(definition, 20);
                long aux = definition + U32(definition + 12);
                Need(aux, 8);
                versions.Add(StringAt(strings, U32(aux)));
                uint next = U32(definition + 16);
                if (next == 0)
                {
                    break;
                }
                definition += next;
            }
        }
        return versions;
    }

    /// <summary>The version indexes of the dynamic symbols some relocation binds (what the loader looks up).</summary>
    public IReadOnlySet<ushort> RelocatedVersionIndexes()
    {
        var indexes = new HashSet<ushort>();
        Section? versionSymbols = _sections.FirstOrDefault(s => s.Type == SectionVersionSymbols);
        if (versionSymbols is null)
        {
            return indexes;
        }
        foreach (Section relocations in _sections.Where(s => (s.Type == SectionRela || s.Type == SectionRel)
                     && s.Link > 0 && s.Link < _sections.Count && _sections[s.Link].Type == SectionDynamicSymbols))
        {
            long entrySize = relocations.EntrySize > 0 ? relocations.EntrySize : relocations.Type == SectionRela ? 24 : 16;
            for (long entry = relocations.Offset; entry + entrySize <= relocations.Offset + relocations.Size; entry += entrySize)
            {
                Need(entry, 16);
                long symbol = (long)(U64(entry + 8) >> 32);
                if (symbol == 0)
                {
                    continue;
                }
                long versionEntry = versionSymbols.Offset + 2 * symbol;
                Need(versionEntry, 2);
                indexes.Add((ushort)(U16(versionEntry) & 0x7fff));
            }
        }
        return indexes;
    }

    private Section StringTableOf(Section section) =>
        section.Link > 0 && section.Link < _sections.Count
            ? _sections[section.Link]
            : throw new InvalidDataException($"section {section.Number} links to no string table");

    private string StringAt(Section strings, uint offset)
    {
        long start = strings.Offset + offset;
        Need(start, 1);
        int end = Array.IndexOf(_bytes, (byte)0, (int)start);
        if (end < 0)
        {
            throw new InvalidDataException("unterminated string");
        }
        return Encoding.ASCII.GetString(_bytes, (int)start, end - (int)start);
    }

    private void Need(long offset, int length)
    {
        if (offset < 0 || offset + length > _bytes.Length)
        {
            throw new InvalidDataException($"truncated: {length} bytes at offset {offset} are past the end of the file");
        }
    }

    private ushort U16(long offset)
    {
        Need(offset, 2);
        return BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((int)offset));
    }

    private uint U32(long offset)
    {
        Need(offset, 4);
        return BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan((int)offset));
    }

    private ulong U64(long offset)
    {
        Need(offset, 8);
        return BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan((int)offset));
    }
}
