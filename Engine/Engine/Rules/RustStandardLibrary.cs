using System.Text.RegularExpressions;

namespace Enzyme.Engine.Rules;

/// <summary>
/// Functions of Rust's standard library that never carry derivatives, recognised in rustc's v0 mangling by the
/// crate and module they belong to: formatting (<c>core::fmt</c>, <c>alloc::fmt</c>: <c>Display::fmt</c> of an
/// <c>f64</c> writes text) and I/O (<c>std::io</c>: <c>println!</c> is <c>std::io::stdio::_print</c>). A v0 path
/// names its crate root as <c>Cs&lt;disambiguator&gt;_&lt;length&gt;&lt;name&gt;</c> followed by the module names, so
/// <c>_RNvNtNtCsjrHSEGnQ3l9_3std2io5stdio6__print</c> is in <c>std::io</c>, and an impl of a trait in
/// <c>core::fmt</c> names that path too.
/// </summary>
public static partial class RustStandardLibrary
{
    public static bool IsInactive(string symbol) =>
        symbol.StartsWith("_R", StringComparison.Ordinal) && InactiveModule().IsMatch(symbol);

    [GeneratedRegex(@"Cs[0-9A-Za-z]*_(?:4core3fmt|5alloc3fmt|3std2io)(?=[0-9A-Z_])")]
    private static partial Regex InactiveModule();
}
