using Enzyme.Engine.Rules;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>Recognition of Rust's allocator shims in the spellings rustc gives them (v0-mangled since 1.9x, plain before).</summary>
[TestFixture]
public sealed class RustAllocatorShimsTests
{
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc12___rust_alloc", "__rust_alloc")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc19___rust_alloc_zeroed", "__rust_alloc_zeroed")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc14___rust_dealloc", "__rust_dealloc")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc14___rust_realloc", "__rust_realloc")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc35___rust_no_alloc_shim_is_unstable_v2", "__rust_no_alloc_shim_is_unstable_v2")]
    [TestCase("__rust_alloc", "__rust_alloc")]
    public void ShimNameReadsBothSpellings(string symbol, string expected) =>
        Assert.That(RustAllocatorShims.ShimName(symbol), Is.EqualTo(expected));

    [TestCase("malloc")]
    [TestCase("_RNvNtCsgEmfK2I1SDS_4core9panicking18panic_bounds_check")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc13___rust_alloc")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc12___rust_allocX")]
    [TestCase("_RNvCsfLfy6EI15iL_5other12___rust_alloc")]
    public void OtherSymbolsAreNotShims(string symbol) => Assert.That(RustAllocatorShims.ShimName(symbol), Is.Null);

    [Test]
    public void KindsAreClassified()
    {
        Assert.Multiple(() =>
        {
            Assert.That(LibraryFunctions.IsAllocator("_RNvCsfLfy6EI15iL_7___rustc12___rust_alloc"), Is.True);
            Assert.That(LibraryFunctions.IsAllocator("_RNvCsfLfy6EI15iL_7___rustc19___rust_alloc_zeroed"), Is.True);
            Assert.That(LibraryFunctions.IsDeallocator("_RNvCsfLfy6EI15iL_7___rustc14___rust_dealloc"), Is.True);
            Assert.That(LibraryFunctions.IsReallocator("_RNvCsfLfy6EI15iL_7___rustc14___rust_realloc"), Is.True);
            Assert.That(LibraryFunctions.IsAllocator("_RNvCsfLfy6EI15iL_7___rustc14___rust_dealloc"), Is.False);
            Assert.That(LibraryFunctions.IsKnownInactive("_RNvCsfLfy6EI15iL_7___rustc35___rust_no_alloc_shim_is_unstable_v2"), Is.True);
        });
    }

    [TestCase("_RNvCsfLfy6EI15iL_7___rustc14___rust_realloc", "__rust_alloc", "_RNvCsfLfy6EI15iL_7___rustc12___rust_alloc")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc14___rust_realloc", "__rust_alloc_zeroed", "_RNvCsfLfy6EI15iL_7___rustc19___rust_alloc_zeroed")]
    [TestCase("_RNvCsfLfy6EI15iL_7___rustc12___rust_alloc", "__rust_dealloc", "_RNvCsfLfy6EI15iL_7___rustc14___rust_dealloc")]
    [TestCase("__rust_realloc", "__rust_dealloc", "__rust_dealloc")]
    public void SiblingSymbolKeepsTheCompilersSpelling(string sibling, string shim, string expected) =>
        Assert.That(RustAllocatorShims.SiblingSymbol(sibling, shim), Is.EqualTo(expected));
}
