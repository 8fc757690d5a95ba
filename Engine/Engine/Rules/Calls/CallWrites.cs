namespace Enzyme.Engine.Rules.Calls;

/// <summary>What memory a library call writes, for the analyses that ask whether a load may be repeated.</summary>
public enum CallWrites
{
    /// <summary>Nothing the caller can read (math functions; allocation and deallocation return or release memory).</summary>
    Nothing,

    /// <summary>The memory its first argument points to (<c>memcpy</c>, <c>memset</c>).</summary>
    FirstArgument,

    /// <summary>The memory its second argument points to, when there is one (<c>frexp</c>'s exponent, <c>modf</c>'s integral part).</summary>
    SecondArgument,

    /// <summary>Anything.</summary>
    Anything,
}
