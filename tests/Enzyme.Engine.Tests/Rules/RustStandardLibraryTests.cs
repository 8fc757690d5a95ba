using Enzyme.Engine.Rules;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>Rust's formatting and I/O functions are inactive by their v0-mangled module path; numeric and panic functions are not.</summary>
[TestFixture]
public sealed class RustStandardLibraryTests
{
    [TestCase("_RNvNtNtCsjrHSEGnQ3l9_3std2io5stdio6__print", true)]
    [TestCase("_RNvNtNtCsjrHSEGnQ3l9_3std2io5stdio7__eprint", true)]
    [TestCase("_RNvXs7_NtNtCsgEmfK2I1SDS_4core3fmt5floatdNtB7_7Display3fmt", true)]
    [TestCase("_RNvNtCsgEmfK2I1SDS_4core9panicking18panic_bounds_check", false)]
    [TestCase("_RNvNtCsgEmfK2I1SDS_4core3f647powi_xx", false)]
    [TestCase("_RNvNtCsgEmfK2I1SDS_4core3fmtx", false)]
    public void RustFormattingAndIoAreInactive(string symbol, bool inactive) =>
        Assert.That(LibraryFunctions.IsKnownInactive(symbol), Is.EqualTo(inactive));
}
