namespace Enzyme.Sdk.Tasks;

/// <summary>
/// One <c>Vernaux</c> entry of an ELF object's <c>.gnu.version_r</c>: the object needs <see cref="Version"/>
/// (e.g. <c>GLIBCXX_3.4.32</c>) from <see cref="File"/> (e.g. <c>libstdc++.so.6</c>).
/// </summary>
/// <param name="Index">The version index (<c>vna_other</c>) that <c>.gnu.version</c> gives the symbols bound to it.</param>
/// <param name="FlagsOffset">File offset of the entry's <c>vna_flags</c>, where <c>VER_FLG_WEAK</c> is set.</param>
public sealed record ElfVersionRequirement(string File, string Version, ushort Flags, ushort Index, long FlagsOffset)
{
    /// <summary><c>VER_FLG_WEAK</c>: glibc's loader does not fail when the providing object lacks the version.</summary>
    public const ushort WeakFlag = 2;

    public bool IsWeak => (Flags & WeakFlag) != 0;
}
