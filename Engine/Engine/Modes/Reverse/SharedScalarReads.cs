using Enzyme.Engine.Frontend;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The shared floating-point scalars a parallel region only reads (a coefficient every iteration reads, captured by
/// reference): every thread adds to the same adjoint, the worst case for atomic adds (each one moves the cache line
/// between cores). Their shadows can instead be one partial adjoint per thread, added once when the thread's reverse
/// sweep ends (<see cref="ParallelForkWrappers.Reverse"/>). A scalar the region writes is not one of them: the
/// reverse of a store reads and resets the shared adjoint, which a partial sum cannot do.
/// </summary>
internal static class SharedScalarReads
{
    /// <summary>The microtask's duplicated pointer parameters (index, scalar type) whose only uses are loads of one <c>double</c> or <c>float</c>.</summary>
    public static IReadOnlyList<(int Parameter, LlvmType Type)> ReadOnlyScalarParameters(LlvmFunction microtask, IReadOnlyList<ArgumentActivity> activities, int firstCaptured)
    {
        var found = new List<(int, LlvmType)>();
        for (int i = firstCaptured; i < microtask.ParameterCount && i < 64; i++)
        {
            if (activities[i] != ArgumentActivity.Duplicated || microtask.IsDeclaration)
            {
                continue;
            }
            LlvmType? type = null;
            if (OnlyScalarLoads(microtask.GetParameter(i), ref type, followSpill: true) && type is { } scalar)
            {
                found.Add((i, scalar));
            }
        }
        return found;
    }

    /// <summary>
    /// Whether every use of <paramref name="pointer"/> loads the same floating-point scalar from it. Unoptimised IR
    /// spills the parameter to a stack slot first (<c>store ptr %k, ptr %k.addr</c>): that slot's loads are followed once.
    /// </summary>
    private static bool OnlyScalarLoads(LlvmValue pointer, ref LlvmType? type, bool followSpill)
    {
        foreach (LlvmValue user in pointer.Users)
        {
            if (user.AsInstruction() is not { } instruction)
            {
                return false;
            }
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMLoad when instruction.Value.GetOperand(0).Handle == pointer.Handle && !instruction.IsVolatile && instruction.Ordering == LLVMAtomicOrdering.LLVMAtomicOrderingNotAtomic:
                    LlvmType loaded = instruction.Value.Type;
                    if (loaded.Kind is not (LLVMTypeKind.LLVMDoubleTypeKind or LLVMTypeKind.LLVMFloatTypeKind) || (type is { } seen && seen.Handle != loaded.Handle))
                    {
                        return false;
                    }
                    type = loaded;
                    break;
                case LLVMOpcode.LLVMStore when followSpill && instruction.Value.GetOperand(0).Handle == pointer.Handle
                    && instruction.Value.GetOperand(1).AsInstruction() is { Opcode: LLVMOpcode.LLVMAlloca } slot:
                    foreach (LlvmValue reader in slot.Value.Users)
                    {
                        if (reader.AsInstruction() is not { } read)
                        {
                            return false;
                        }
                        if (read.Handle == instruction.Handle)
                        {
                            continue;
                        }
                        if (read.Opcode != LLVMOpcode.LLVMLoad || !read.Value.Type.IsPointer || !OnlyScalarLoads(read.Value, ref type, followSpill: false))
                        {
                            return false;
                        }
                    }
                    break;
                default:
                    return false;
            }
        }
        return type is not null;
    }
}
