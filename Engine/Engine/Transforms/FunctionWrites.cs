namespace Enzyme.Engine.Transforms;

/// <summary>What memory a function may write, from its <c>memory(...)</c> attribute.</summary>
public enum FunctionWrites
{
    Nothing,
    ArgumentMemory,
    Anything,
}
