using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// Builds forward splits (<c>__enzyme_augmentfwd</c> + <c>__enzyme_fwdsplit</c>), one per function and set of
/// shadowed parameters. Both halves come from one forward derivative whose primal instructions are known: the
/// primal values its tangent code and its branches use are the tape. The augmented half is that derivative
/// without its tangent code, appending each such value to a <see cref="ForwardSplitLog"/> where it is computed;
/// the tangent half is the derivative with each such value read back from the log in its place and every other
/// primal instruction removed, so nothing of the primal (its stores, its calls) runs twice and the tangents do
/// not depend on what the caller changes between the calls.
/// </summary>
internal sealed class ForwardSplitGenerator(ForwardModeGenerator forward)
{
    private readonly Dictionary<string, ForwardSplitPair> _pairs = [];

    /// <summary>
    /// Identifies a split: in forward-mode terms, which parameters carry a shadow. An <c>enzyme_out</c> scalar of
    /// <c>__enzyme_augmentfwd</c> is a duplicated scalar of <c>__enzyme_fwdsplit</c>.
    /// </summary>
    public static string KeyOf(LlvmFunction function, IReadOnlyList<bool> shadowed) =>
        $"{function.Handle.Handle:x}|{string.Concat(shadowed.Select(s => s ? 'd' : 'c'))}";

    public ForwardSplitPair GetOrCreate(LlvmFunction function, IReadOnlyList<bool> shadowed, DebugLocation? requestLocation)
    {
        string key = KeyOf(function, shadowed);
        if (_pairs.TryGetValue(key, out ForwardSplitPair? existing))
        {
            return existing;
        }
        LlvmContext context = forward.Context;
        LlvmType primalReturn = function.ReturnType;
        bool returnsPrimal = !primalReturn.IsVoid;
        bool returnsTangent = returnsPrimal && TypeFacts.CarriesDerivative(primalReturn);
        ForwardReturn kind = !returnsPrimal ? ForwardReturn.Void : returnsTangent ? ForwardReturn.PrimalAndTangent : ForwardReturn.PrimalOnly;
        var recorded = new HashSet<LLVMValueRef>();
        LlvmFunction combined = forward.CreateDetached(new ForwardSignature(function, shadowed, 1, kind), $"fwdsplit.combined.{function.Name}", recorded);
        try
        {
            var primal = combined.Instructions.Where(i => recorded.Contains(i.Handle)).ToHashSet();
            RejectRecomputingCalls(combined, primal, function, requestLocation);
            HashSet<LlvmInstruction> returnedPrimal = ReturnedPrimalParts(combined, kind);
            List<LlvmInstruction> logged = combined.Instructions
                .Where(i => primal.Contains(i) && NeedsLogging(i, primal, returnedPrimal)).ToList();

            LlvmType[] parameterTypes = function.FunctionType.ParameterTypes;
            var augmentedParameters = new List<LlvmType>();
            for (int i = 0; i < parameterTypes.Length; i++)
            {
                augmentedParameters.Add(parameterTypes[i]);
                if (shadowed[i] && parameterTypes[i].IsPointer)
                {
                    augmentedParameters.Add(parameterTypes[i]);
                }
            }
            LlvmType tapeType = context.PointerType();
            LlvmType augmentedReturn = returnsPrimal ? context.StructType([primalReturn, tapeType]) : tapeType;
            LlvmFunction augmented = forward.Module.AddFunction($"fwdsplit.augmented.{function.Name}", LlvmType.Function(augmentedReturn, [.. augmentedParameters]));
            augmented.Linkage = LLVMLinkage.LLVMInternalLinkage;
            LlvmFunction tangent = forward.Module.AddFunction($"fwdsplit.tangent.{function.Name}",
                LlvmType.Function(returnsTangent ? primalReturn : context.VoidType, [.. combined.FunctionType.ParameterTypes, tapeType]));
            tangent.Linkage = LLVMLinkage.LLVMInternalLinkage;

            BuildAugmented(combined, augmented, function, shadowed, primal, logged, kind);
            BuildTangent(combined, tangent, primal, logged, kind);
            var pair = new ForwardSplitPair(augmented, tangent, returnsPrimal, returnsTangent);
            _pairs.Add(key, pair);
            return pair;
        }
        finally
        {
            combined.Delete();
        }
    }

    /// <summary>
    /// Calls the forward derivative makes in place of a primal call (a user function's derivative, a custom
    /// derivative) would run that callee's primal again in the tangent half.
    /// </summary>
    private void RejectRecomputingCalls(LlvmFunction combined, HashSet<LlvmInstruction> primal, LlvmFunction function, DebugLocation? requestLocation)
    {
        var calledByPrimal = primal.Where(i => i.IsCall).Select(i => i.CalledValue.Handle).ToHashSet();
        foreach (LlvmInstruction call in combined.Instructions.Where(i => i.IsCall && !primal.Contains(i)))
        {
            if (call.CalledValue.AsFunction() is { IsDeclaration: false } callee
                && !calledByPrimal.Contains(callee.Handle)
                && !callee.Name.StartsWith("__enzyme_sdk_", StringComparison.Ordinal))
            {
                throw new EnzymeException(DiagnosticCodes.ForwardSplitUnsupported,
                    $"__enzyme_fwdsplit of '{function.Name}' reaches a call with active arguments that is differentiated as a call ('{callee.Name}'); " +
                    "the forward split supports functions whose active calls are library functions with rules (after inlining); " +
                    "inline the callee (static inline, or -O2) or use __enzyme_fwddiff", call.DebugLocation ?? requestLocation);
            }
        }
    }

    /// <summary>
    /// The instructions that put the primal result into the returned <c>{primal, tangent}</c> pair: the augmented
    /// half returns the primal from there, the tangent half drops them.
    /// </summary>
    private static HashSet<LlvmInstruction> ReturnedPrimalParts(LlvmFunction combined, ForwardReturn kind)
    {
        var parts = new HashSet<LlvmInstruction>();
        if (kind != ForwardReturn.PrimalAndTangent)
        {
            return parts;
        }
        foreach (LlvmInstruction ret in Returns(combined))
        {
            if (ret.Value.GetOperand(0).AsInstruction() is { Opcode: LLVMOpcode.LLVMInsertValue } pair
                && pair.Value.GetOperand(0).AsInstruction() is { Opcode: LLVMOpcode.LLVMInsertValue } withPrimal)
            {
                parts.Add(withPrimal);
            }
        }
        return parts;
    }

    /// <summary>A primal value read by tangent code or deciding control flow: the tangent half reads it from the log.</summary>
    private static bool NeedsLogging(LlvmInstruction instruction, HashSet<LlvmInstruction> primal, HashSet<LlvmInstruction> returnedPrimal)
    {
        if (instruction.Type.IsVoid || instruction.Opcode == LLVMOpcode.LLVMAlloca)
        {
            return false;
        }
        foreach (LlvmValue use in instruction.Value.Users)
        {
            if (use.AsInstruction() is not { } user || user.Opcode == LLVMOpcode.LLVMRet || returnedPrimal.Contains(user))
            {
                continue;
            }
            bool decidesControlFlow = primal.Contains(user) && user.IsTerminator;
            if (!primal.Contains(user) || decidesControlFlow)
            {
                return true;
            }
        }
        return false;
    }

    private void BuildAugmented(LlvmFunction combined, LlvmFunction augmented, LlvmFunction function, IReadOnlyList<bool> shadowed,
        HashSet<LlvmInstruction> primal, List<LlvmInstruction> logged, ForwardReturn kind)
    {
        LlvmContext context = forward.Context;
        var arguments = new Dictionary<LlvmValue, LlvmValue>();
        int from = 0, to = 0;
        for (int i = 0; i < function.ParameterCount; i++)
        {
            arguments[combined.GetParameter(from++)] = augmented.GetParameter(to++);
            if (shadowed[i])
            {
                LlvmValue shadow = combined.GetParameter(from++);
                arguments[shadow] = shadow.Type.IsPointer ? augmented.GetParameter(to++) : LlvmValue.Poison(shadow.Type);
            }
        }
        Dictionary<LlvmValue, LlvmValue> map = FunctionCloner.CloneBody(context, combined, augmented, arguments);
        var tangentCode = combined.Instructions.Where(i => !primal.Contains(i) && i.Opcode != LLVMOpcode.LLVMRet)
            .Select(i => map[i].AsInstruction()!.Value).ToList();
        var returns = Returns(combined).Select(r => map[r].AsInstruction()!.Value).ToList();

        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, forward.Module, builder);
        LlvmValue log = LlvmValue.ConstNull(context.PointerType());
        if (logged.Count > 0)
        {
            builder.PositionBefore(augmented.EntryBlock.Instructions.First());
            log = ForwardSplitLog.Create(emitter);
        }
        foreach (LlvmInstruction value in logged)
        {
            LlvmInstruction clone = map[value].AsInstruction()!.Value;
            builder.PositionBefore(clone.Opcode == LLVMOpcode.LLVMPHI ? FirstNonPhi(clone.Parent) : clone.Next!.Value);
            ForwardSplitLog.Append(emitter, log, clone);
        }
        foreach (LlvmInstruction ret in returns)
        {
            builder.PositionBefore(ret);
            if (kind == ForwardReturn.Void)
            {
                builder.Return(log);
            }
            else
            {
                LlvmValue returned = ret.Value.GetOperand(0);
                LlvmValue result = kind != ForwardReturn.PrimalAndTangent ? returned
                    : returned.AsInstruction() is { Opcode: LLVMOpcode.LLVMInsertValue } outer && outer.Value.GetOperand(0).AsInstruction() is { Opcode: LLVMOpcode.LLVMInsertValue } withPrimal
                        ? withPrimal.Value.GetOperand(1)
                        : builder.ExtractValue(returned, 0);
                LlvmValue pair = builder.InsertValue(LlvmValue.Poison(augmented.ReturnType), result, 0);
                builder.Return(builder.InsertValue(pair, log, 1));
            }
            ret.EraseFromParent();
        }
        Erase(tangentCode);
    }

    private void BuildTangent(LlvmFunction combined, LlvmFunction tangent, HashSet<LlvmInstruction> primal, List<LlvmInstruction> logged, ForwardReturn kind)
    {
        LlvmContext context = forward.Context;
        var arguments = new Dictionary<LlvmValue, LlvmValue>();
        for (int i = 0; i < combined.ParameterCount; i++)
        {
            arguments[combined.GetParameter(i)] = tangent.GetParameter(i);
        }
        LlvmValue log = tangent.GetParameter(combined.ParameterCount);
        log.Name = "tape";
        Dictionary<LlvmValue, LlvmValue> map = FunctionCloner.CloneBody(context, combined, tangent, arguments);
        var primalCode = primal.Where(i => i.Opcode != LLVMOpcode.LLVMAlloca && !i.IsTerminator)
            .Select(i => map[i].AsInstruction()!.Value).ToList();

        using var builder = new LlvmBuilder(context);
        var emitter = new IrEmitter(context, forward.Module, builder);
        foreach (LlvmInstruction value in logged)
        {
            LlvmInstruction clone = map[value].AsInstruction()!.Value;
            builder.PositionBefore(clone.Opcode == LLVMOpcode.LLVMPHI ? FirstNonPhi(clone.Parent) : clone);
            clone.Value.ReplaceAllUsesWith(ForwardSplitLog.Read(emitter, log, clone.Type, clone.Value.Name));
        }
        foreach (LlvmInstruction original in Returns(combined))
        {
            LlvmInstruction ret = map[original].AsInstruction()!.Value;
            builder.PositionBefore(ret);
            if (logged.Count > 0)
            {
                ForwardSplitLog.Release(emitter, log);
            }
            if (kind == ForwardReturn.PrimalAndTangent)
            {
                builder.Return(builder.ExtractValue(ret.Value.GetOperand(0), 1));
            }
            else
            {
                builder.ReturnVoid();
            }
            ret.EraseFromParent();
        }
        Erase(primalCode);
    }

    private static IEnumerable<LlvmInstruction> Returns(LlvmFunction function) =>
        function.Instructions.Where(i => i.Opcode == LLVMOpcode.LLVMRet).ToList();

    private static LlvmInstruction FirstNonPhi(LlvmBasicBlock block) => block.Instructions.First(i => i.Opcode != LLVMOpcode.LLVMPHI);

    /// <summary>Removes instructions whose every user is among them (their values are replaced by poison first).</summary>
    private static void Erase(List<LlvmInstruction> instructions)
    {
        foreach (LlvmInstruction instruction in instructions)
        {
            if (!instruction.Type.IsVoid)
            {
                instruction.Value.ReplaceAllUsesWith(LlvmValue.Poison(instruction.Type));
            }
        }
        foreach (LlvmInstruction instruction in instructions)
        {
            instruction.EraseFromParent();
        }
    }
}
