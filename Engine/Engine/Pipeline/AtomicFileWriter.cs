namespace Enzyme.Engine.Pipeline;

/// <summary>
/// Writes an output so that readers see either the old file or the complete new one: the
/// bytes go to a uniquely named temporary file in the same folder, which is then renamed.
/// </summary>
public static class AtomicFileWriter
{
    public static void Write(string path, ReadOnlySpan<byte> contents)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(contents);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
