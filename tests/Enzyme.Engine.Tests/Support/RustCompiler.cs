namespace Enzyme.Engine.Tests.Support;

/// <summary>
/// rustc, for compiling the Rust corpus: <c>PATH</c>, then <c>~/.cargo/bin</c> (rustup's folder, which a
/// non-login shell may not have on <c>PATH</c>). Tests that need it fail with the install hint when it is missing.
/// </summary>
public static class RustCompiler
{
    private static readonly Lazy<string?> Located = new(Locate);

    public static string Path => Located.Value
        ?? throw new InvalidOperationException("rustc was not found on PATH or in ~/.cargo/bin; install it with rustup (https://rustup.rs) or apt-get install rustc");

    /// <summary>The sysroot's native libraries a Rust staticlib needs on Linux (what <c>rustc --print native-static-libs</c> lists).</summary>
    public static readonly string[] NativeLibraries = ["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"];

    private static string? Locate()
    {
        IEnumerable<string> folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cargo", "bin"));
        return folders.Select(folder => System.IO.Path.Combine(folder, "rustc")).FirstOrDefault(File.Exists);
    }
}
