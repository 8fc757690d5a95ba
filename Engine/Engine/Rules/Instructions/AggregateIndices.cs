using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>Reading and writing the element of a nested aggregate that extractvalue/insertvalue name.</summary>
internal static class AggregateIndices
{
    public static LlvmValue ExtractAt(LlvmBuilder builder, LlvmValue aggregate, uint[] indices)
    {
        foreach (uint index in indices)
        {
            aggregate = builder.ExtractValue(aggregate, (int)index);
        }
        return aggregate;
    }

    public static LlvmValue InsertAt(LlvmBuilder builder, LlvmValue aggregate, uint[] indices, LlvmValue element)
    {
        if (indices.Length == 1)
        {
            return builder.InsertValue(aggregate, element, (int)indices[0]);
        }
        LlvmValue inner = builder.ExtractValue(aggregate, (int)indices[0]);
        return builder.InsertValue(aggregate, InsertAt(builder, inner, indices[1..], element), (int)indices[0]);
    }
}
