using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>Owns an <c>IRBuilder</c>. Name arguments may be empty.</summary>
public sealed unsafe class LlvmBuilder : IDisposable
{
    private LLVMBuilderRef _handle;

    public LlvmBuilder(LlvmContext context) => _handle = LLVM.LLVMCreateBuilderInContext(context.Handle);

    public LLVMBuilderRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmBuilder)) : _handle;

    public LlvmBasicBlock InsertBlock => new(LLVM.LLVMGetInsertBlock(Handle));

    public void PositionAtEnd(LlvmBasicBlock block) => LLVM.LLVMPositionBuilderAtEnd(Handle, block.Handle);
    public void PositionBefore(LlvmInstruction instruction) => LLVM.LLVMPositionBuilderBefore(Handle, instruction.Handle);

    /// <summary>Before an instruction and the debug records attached to it: where phis must go.</summary>
    public void PositionBeforeDebugRecords(LlvmInstruction instruction) => LLVM.LLVMPositionBuilderBeforeInstrAndDbgRecords(Handle, instruction.Handle);

    public LlvmValue Return(LlvmValue value) => new(LLVM.LLVMBuildRet(Handle, value.Handle));
    public LlvmValue ReturnVoid() => new(LLVM.LLVMBuildRetVoid(Handle));
    public LlvmValue Branch(LlvmBasicBlock target) => new(LLVM.LLVMBuildBr(Handle, target.Handle));
    public LlvmValue ConditionalBranch(LlvmValue condition, LlvmBasicBlock then, LlvmBasicBlock otherwise) =>
        new(LLVM.LLVMBuildCondBr(Handle, condition.Handle, then.Handle, otherwise.Handle));
    public LlvmValue Unreachable() => new(LLVM.LLVMBuildUnreachable(Handle));

    /// <summary>A <c>switch</c> on <paramref name="value"/> with room for <paramref name="caseCount"/> cases (see <see cref="AddCase"/>).</summary>
    public LlvmValue Switch(LlvmValue value, LlvmBasicBlock defaultTarget, int caseCount) =>
        new(LLVM.LLVMBuildSwitch(Handle, value.Handle, defaultTarget.Handle, (uint)caseCount));

    public static void AddCase(LlvmValue switchInstruction, LlvmValue caseValue, LlvmBasicBlock target) =>
        LLVM.LLVMAddCase(switchInstruction.Handle, caseValue.Handle, target.Handle);

    public LlvmValue BinaryOperation(LLVMOpcode opcode, LlvmValue left, LlvmValue right, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildBinOp(Handle, opcode, left.Handle, right.Handle, (sbyte*)n));
        }
    }

    public LlvmValue FAdd(LlvmValue left, LlvmValue right, string name = "") => BinaryOperation(LLVMOpcode.LLVMFAdd, left, right, name);
    public LlvmValue FSub(LlvmValue left, LlvmValue right, string name = "") => BinaryOperation(LLVMOpcode.LLVMFSub, left, right, name);
    public LlvmValue FMul(LlvmValue left, LlvmValue right, string name = "") => BinaryOperation(LLVMOpcode.LLVMFMul, left, right, name);
    public LlvmValue FDiv(LlvmValue left, LlvmValue right, string name = "") => BinaryOperation(LLVMOpcode.LLVMFDiv, left, right, name);
    public LlvmValue Add(LlvmValue left, LlvmValue right, string name = "") => BinaryOperation(LLVMOpcode.LLVMAdd, left, right, name);
    public LlvmValue Mul(LlvmValue left, LlvmValue right, string name = "") => BinaryOperation(LLVMOpcode.LLVMMul, left, right, name);

    public LlvmValue FNeg(LlvmValue value, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildFNeg(Handle, value.Handle, (sbyte*)n));
        }
    }

    public LlvmValue ICmp(LLVMIntPredicate predicate, LlvmValue left, LlvmValue right, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildICmp(Handle, predicate, left.Handle, right.Handle, (sbyte*)n));
        }
    }

    public LlvmValue FCmp(LLVMRealPredicate predicate, LlvmValue left, LlvmValue right, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildFCmp(Handle, predicate, left.Handle, right.Handle, (sbyte*)n));
        }
    }

    public LlvmValue Select(LlvmValue condition, LlvmValue then, LlvmValue otherwise, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildSelect(Handle, condition.Handle, then.Handle, otherwise.Handle, (sbyte*)n));
        }
    }

    public LlvmValue Phi(LlvmType type, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildPhi(Handle, type.Handle, (sbyte*)n));
        }
    }

    public static void AddIncoming(LlvmValue phi, LlvmValue value, LlvmBasicBlock block)
    {
        LLVMValueRef v = value.Handle;
        LLVMBasicBlockRef b = block.Handle;
        LLVM.LLVMAddIncoming(phi.Handle, &v, &b, 1);
    }

    public LlvmValue Alloca(LlvmType type, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildAlloca(Handle, type.Handle, (sbyte*)n));
        }
    }

    public LlvmValue Load(LlvmType type, LlvmValue pointer, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildLoad2(Handle, type.Handle, pointer.Handle, (sbyte*)n));
        }
    }

    /// <summary><c>atomicrmw fadd</c> with monotonic ordering: an accumulation other threads may do at the same time.</summary>
    public LlvmValue AtomicFAdd(LlvmValue pointer, LlvmValue value) =>
        new(LLVM.LLVMBuildAtomicRMW(Handle, LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFAdd, pointer.Handle, value.Handle, LLVMAtomicOrdering.LLVMAtomicOrderingMonotonic, 0));

    /// <summary><c>atomicrmw</c> with the given operation, ordering and synchronisation scope (<see cref="LlvmInstruction.SyncScope"/>).</summary>
    public LlvmValue AtomicRmw(LLVMAtomicRMWBinOp operation, LlvmValue pointer, LlvmValue value, LLVMAtomicOrdering ordering, uint syncScope) =>
        new(LLVM.LLVMBuildAtomicRMWSyncScope(Handle, operation, pointer.Handle, value.Handle, ordering, syncScope));

    public LlvmValue Store(LlvmValue value, LlvmValue pointer) => new(LLVM.LLVMBuildStore(Handle, value.Handle, pointer.Handle));

    public LlvmValue InBoundsGep(LlvmType sourceElementType, LlvmValue pointer, ReadOnlySpan<LlvmValue> indices, string name = "")
    {
        var refs = new LLVMValueRef[indices.Length];
        for (int i = 0; i < refs.Length; i++)
        {
            refs[i] = indices[i].Handle;
        }
        fixed (LLVMValueRef* idx = refs)
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildInBoundsGEP2(Handle, sourceElementType.Handle, pointer.Handle, idx, (uint)refs.Length, (sbyte*)n));
        }
    }

    public LlvmValue Cast(LLVMOpcode opcode, LlvmValue value, LlvmType destinationType, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildCast(Handle, opcode, value.Handle, destinationType.Handle, (sbyte*)n));
        }
    }

    /// <summary>Converts between floating-point types (<c>fpext</c>, <c>fptrunc</c>, or nothing when they are equal).</summary>
    public LlvmValue FPCast(LlvmValue value, LlvmType destinationType, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildFPCast(Handle, value.Handle, destinationType.Handle, (sbyte*)n));
        }
    }

    /// <summary>Converts between integer widths (<c>sext</c>/<c>zext</c> by <paramref name="isSigned"/>, or <c>trunc</c>).</summary>
    public LlvmValue IntCast(LlvmValue value, LlvmType destinationType, bool isSigned, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildIntCast2(Handle, value.Handle, destinationType.Handle, isSigned ? 1 : 0, (sbyte*)n));
        }
    }

    /// <summary>A <c>shufflevector</c> picking the lanes of <paramref name="mask"/> (a constant i32 vector) from both operands.</summary>
    public LlvmValue ShuffleVector(LlvmValue left, LlvmValue right, LlvmValue mask, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildShuffleVector(Handle, left.Handle, right.Handle, mask.Handle, (sbyte*)n));
        }
    }

    /// <summary>A private constant global holding <paramref name="text"/> NUL-terminated; the value is its address.</summary>
    public LlvmValue GlobalString(string text, string name = "")
    {
        fixed (byte* t = NativeUtf8.Encode(text))
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildGlobalString(Handle, (sbyte*)t, (sbyte*)n));
        }
    }

    public LlvmValue Call(LlvmType functionType, LlvmValue callee, ReadOnlySpan<LlvmValue> arguments, string name = "")
    {
        var refs = new LLVMValueRef[arguments.Length];
        for (int i = 0; i < refs.Length; i++)
        {
            refs[i] = arguments[i].Handle;
        }
        fixed (LLVMValueRef* args = refs)
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildCall2(Handle, functionType.Handle, callee.Handle, args, (uint)refs.Length, (sbyte*)n));
        }
    }

    public LlvmValue ExtractValue(LlvmValue aggregate, int index, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildExtractValue(Handle, aggregate.Handle, (uint)index, (sbyte*)n));
        }
    }

    public LlvmValue InsertValue(LlvmValue aggregate, LlvmValue element, int index, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildInsertValue(Handle, aggregate.Handle, element.Handle, (uint)index, (sbyte*)n));
        }
    }

    public LlvmValue ExtractElement(LlvmValue vector, LlvmValue index, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildExtractElement(Handle, vector.Handle, index.Handle, (sbyte*)n));
        }
    }

    public LlvmValue InsertElement(LlvmValue vector, LlvmValue element, LlvmValue index, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildInsertElement(Handle, vector.Handle, element.Handle, index.Handle, (sbyte*)n));
        }
    }

    public LlvmValue Gep(LlvmType sourceElementType, LlvmValue pointer, ReadOnlySpan<LlvmValue> indices, string name = "")
    {
        var refs = new LLVMValueRef[indices.Length];
        for (int i = 0; i < refs.Length; i++)
        {
            refs[i] = indices[i].Handle;
        }
        fixed (LLVMValueRef* idx = refs)
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildGEP2(Handle, sourceElementType.Handle, pointer.Handle, idx, (uint)refs.Length, (sbyte*)n));
        }
    }

    public LlvmValue StructGep(LlvmType structType, LlvmValue pointer, int index, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmValue(LLVM.LLVMBuildStructGEP2(Handle, structType.Handle, pointer.Handle, (uint)index, (sbyte*)n));
        }
    }

    /// <summary>memcpy(destination, source, length) through the intrinsic.</summary>
    public LlvmValue MemCpy(LlvmValue destination, LlvmValue source, LlvmValue length, uint alignment = 1) =>
        new(LLVM.LLVMBuildMemCpy(Handle, destination.Handle, alignment, source.Handle, alignment, length.Handle));

    /// <summary>memset(pointer, byteValue, length) through the intrinsic.</summary>
    public LlvmValue MemSet(LlvmValue pointer, LlvmValue byteValue, LlvmValue length, uint alignment = 1) =>
        new(LLVM.LLVMBuildMemSet(Handle, pointer.Handle, byteValue.Handle, length.Handle, alignment));

    /// <summary>Inserts an instruction created elsewhere (e.g. a clone) at the builder's position.</summary>
    public void Insert(LlvmValue instruction, string name = "")
    {
        fixed (byte* n = NativeUtf8.Encode(instruction.Type.IsVoid ? string.Empty : name))
        {
            LLVM.LLVMInsertIntoBuilderWithName(Handle, instruction.Handle, (sbyte*)n);
        }
    }

    public void Dispose()
    {
        if (!_handle.IsNull)
        {
            LLVM.LLVMDisposeBuilder(_handle);
            _handle = default;
        }
    }
}
