using Enzyme.Llvm.Interop.Clang;
using static Enzyme.Llvm.Interop.Clang.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// Owns a libclang <see cref="CXIndex"/>, the shared state translation units are parsed in.
/// libclang requires every unit to be disposed before its index, so disposing the index while
/// units are still open only marks it; the native index goes away with the last unit.
/// </summary>
public sealed class ClangIndex : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CXIndex _handle;
    private int _openUnits;
    private bool _disposeRequested;
    private bool _nativeDisposed;

    /// <param name="excludeDeclarationsFromPch">Skip declarations that come from a precompiled header when visiting.</param>
    /// <param name="displayDiagnostics">Let libclang also print diagnostics to stderr (they are collected either way).</param>
    public ClangIndex(bool excludeDeclarationsFromPch = false, bool displayDiagnostics = false)
    {
        _handle = clang_createIndex(excludeDeclarationsFromPch ? 1 : 0, displayDiagnostics ? 1 : 0);
        if (_handle.IsNull)
        {
            throw new InvalidOperationException("clang_createIndex returned a null index.");
        }
    }

    /// <summary>
    /// Reserves the index for a unit about to be parsed and returns the native handle; pair with
    /// <see cref="ReleaseUnit"/> when that unit is disposed or its parse fails.
    /// </summary>
    internal CXIndex AcquireForUnit()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposeRequested, this);
            _openUnits++;
            return _handle;
        }
    }

    internal void ReleaseUnit()
    {
        lock (_gate)
        {
            _openUnits--;
            DisposeNativeIfUnused();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposeRequested = true;
            DisposeNativeIfUnused();
        }
    }

    private void DisposeNativeIfUnused()
    {
        if (_disposeRequested && _openUnits == 0 && !_nativeDisposed)
        {
            _nativeDisposed = true;
            clang_disposeIndex(_handle);
        }
    }
}
