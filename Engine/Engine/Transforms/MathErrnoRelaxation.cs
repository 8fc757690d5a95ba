using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Transforms;

/// <summary>
/// In the functions the engine generated, calls of the C math library are marked as touching
/// no memory, as if compiled with <c>-fno-math-errno</c>: the only memory they write is errno,
/// which nothing reads inside a derivative. LLVM may then merge <c>sin(x)</c> and <c>cos(x)</c>
/// into one <c>sincos</c>, and remove or hoist repeated calls; the primal's own code keeps its
/// errno behaviour.
/// </summary>
public static class MathErrnoRelaxation
{
    private static readonly HashSet<string> ErrnoOnlyFunctions = new(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
        "exp", "exp2", "exp10", "expm1", "log", "log2", "log10", "log1p", "pow", "sqrt", "cbrt", "hypot",
        "erf", "erfc", "tgamma", "fmod", "remainder", "ldexp",
    };

    /// <summary>Marks the math-library calls in <paramref name="functions"/>; returns how many.</summary>
    public static int Apply(LlvmContext context, IEnumerable<LlvmFunction> functions)
    {
        LlvmAttribute none = FunctionAttributes.Create(context, "memory");
        LlvmAttribute willReturn = FunctionAttributes.Create(context, "willreturn");
        int marked = 0;
        foreach (LlvmFunction function in functions)
        {
            foreach (LlvmBasicBlock block in function.BasicBlocks)
            {
                foreach (LlvmInstruction instruction in block.Instructions)
                {
                    if (instruction.Opcode == LLVMOpcode.LLVMCall && instruction.CalledValue.AsFunction() is { IsDeclaration: true } callee
                        && IsErrnoOnly(callee.Name))
                    {
                        instruction.AddCallSiteAttribute(LlvmAttributeIndex.Function, none);
                        instruction.AddCallSiteAttribute(LlvmAttributeIndex.Function, willReturn);
                        marked++;
                    }
                }
            }
        }
        return marked;
    }

    /// <summary><c>sin</c>, <c>sinf</c>, <c>sinl</c>, ...</summary>
    private static bool IsErrnoOnly(string name) => ErrnoOnlyFunctions.Contains(name)
        || (name.Length > 1 && name[^1] is 'f' or 'l' && ErrnoOnlyFunctions.Contains(name[..^1]));
}
