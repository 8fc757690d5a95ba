using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A non-owning view of an instruction; converts implicitly to <see cref="LlvmValue"/>.</summary>
public readonly unsafe record struct LlvmInstruction(LLVMValueRef Handle)
{
    public static implicit operator LlvmValue(LlvmInstruction instruction) => new(instruction.Handle);

    public LlvmValue Value => new(Handle);
    public LLVMOpcode Opcode => LLVM.LLVMGetInstructionOpcode(Handle);
    public LlvmBasicBlock Parent => new(LLVM.LLVMGetInstructionParent(Handle));
    public LlvmFunction Function => Parent.Parent;
    public LlvmType Type => new(LLVM.LLVMTypeOf(Handle));

    public LlvmInstruction? Next
    {
        get
        {
            LLVMValueRef next = LLVM.LLVMGetNextInstruction(Handle);
            return next.IsNull ? null : new LlvmInstruction(next);
        }
    }

    public LlvmInstruction? Previous
    {
        get
        {
            LLVMValueRef previous = LLVM.LLVMGetPreviousInstruction(Handle);
            return previous.IsNull ? null : new LlvmInstruction(previous);
        }
    }

    public bool IsCall => Opcode == LLVMOpcode.LLVMCall;

    /// <summary>Whether the instruction ends its block (<c>br</c>, <c>switch</c>, <c>ret</c>, <c>unreachable</c>, ...).</summary>
    public bool IsTerminator => !LLVM.LLVMIsATerminatorInst(Handle).IsNull;

    /// <summary>
    /// A copy with the same operands, flags, metadata and call attributes, in no block yet (insert it
    /// with <see cref="LlvmBuilder.Insert"/>).
    /// </summary>
    public LlvmInstruction CloneDetached() => new(LLVM.LLVMInstructionClone(Handle));

    // ---- Phis ----
    public int IncomingCount => (int)LLVM.LLVMCountIncoming(Handle);
    public LlvmValue GetIncomingValue(int index) => new(LLVM.LLVMGetIncomingValue(Handle, (uint)index));
    public LlvmBasicBlock GetIncomingBlock(int index) => new(LLVM.LLVMGetIncomingBlock(Handle, (uint)index));

    /// <summary>A phi's incoming values with the predecessor each comes from, in operand order.</summary>
    public IEnumerable<(LlvmValue Value, LlvmBasicBlock Block)> Incoming
    {
        get
        {
            int count = IncomingCount;
            for (int i = 0; i < count; i++)
            {
                yield return (GetIncomingValue(i), GetIncomingBlock(i));
            }
        }
    }

    // ---- Memory ----

    /// <summary>The type an alloca reserves memory for (one element when it allocates an array).</summary>
    public LlvmType AllocatedType => new(LLVM.LLVMGetAllocatedType(Handle));

    /// <summary>True for a volatile load, store or atomic access.</summary>
    public bool IsVolatile => LLVM.LLVMGetVolatile(Handle) != 0;

    // ---- Atomics ----

    /// <summary>The operation of an <c>atomicrmw</c> (fadd, xchg, fmax, add...).</summary>
    public LLVMAtomicRMWBinOp AtomicRmwOperation => LLVM.LLVMGetAtomicRMWBinOp(Handle);

    /// <summary>The ordering of an <c>atomicrmw</c> or of an atomic load or store (not atomic: <c>NotAtomic</c>).</summary>
    public LLVMAtomicOrdering Ordering => LLVM.LLVMGetOrdering(Handle);

    /// <summary>The ordering a <c>cmpxchg</c> has when it stores.</summary>
    public LLVMAtomicOrdering CompareExchangeSuccessOrdering => LLVM.LLVMGetCmpXchgSuccessOrdering(Handle);

    /// <summary>A weak <c>cmpxchg</c> may fail even when the memory held the expected value.</summary>
    public bool IsWeakCompareExchange => LLVM.LLVMGetWeak(Handle) != 0;

    /// <summary>The synchronisation scope of an atomic instruction (0: one thread, 1: the whole system, others target-defined).</summary>
    public uint SyncScope => LLVM.LLVMGetAtomicSyncScopeID(Handle);

    // ---- Vectors, aggregates, comparisons ----

    /// <summary>The lanes a <c>shufflevector</c> picks (indices into both operands concatenated); null for a poison lane.</summary>
    public int?[] ShuffleMask
    {
        get
        {
            int count = (int)LLVM.LLVMGetNumMaskElements(Handle);
            int undefined = LLVM.LLVMGetUndefMaskElem();
            var mask = new int?[count];
            for (int i = 0; i < count; i++)
            {
                int lane = LLVM.LLVMGetMaskValue(Handle, (uint)i);
                mask[i] = lane == undefined ? null : lane;
            }
            return mask;
        }
    }

    /// <summary>The constant index path of an <c>extractvalue</c> or <c>insertvalue</c>.</summary>
    public uint[] AggregateIndices
    {
        get
        {
            uint count = LLVM.LLVMGetNumIndices(Handle);
            uint* indices = LLVM.LLVMGetIndices(Handle);
            return new ReadOnlySpan<uint>(indices, (int)count).ToArray();
        }
    }

    /// <summary>The predicate of an <c>icmp</c>.</summary>
    public LLVMIntPredicate IntPredicate => LLVM.LLVMGetICmpPredicate(Handle);

    /// <summary>The callee operand of a call (possibly a cast or a loaded pointer).</summary>
    public LlvmValue CalledValue => new(LLVM.LLVMGetCalledValue(Handle));

    public LlvmType CalledFunctionType => new(LLVM.LLVMGetCalledFunctionType(Handle));

    /// <summary>Number of call arguments (operands without the callee and bundles).</summary>
    public int ArgumentCount => (int)LLVM.LLVMGetNumArgOperands(Handle);

    public LlvmValue GetArgument(int index) => new(LLVM.LLVMGetOperand(Handle, (uint)index));

    /// <summary>Adds <paramref name="attribute"/> to this call site only (the callee's declaration is unchanged).</summary>
    public void AddCallSiteAttribute(LlvmAttributeIndex index, LlvmAttribute attribute) =>
        LLVM.LLVMAddCallSiteAttribute(Handle, index.Value, attribute.Handle);

    /// <summary>The call site's enum or type attribute of kind <paramref name="kind"/> at <paramref name="index"/>, or null.</summary>
    public LlvmAttribute? GetCallSiteEnumAttribute(LlvmAttributeIndex index, uint kind) =>
        LlvmAttribute.FromHandle(LLVM.LLVMGetCallSiteEnumAttribute(Handle, index.Value, kind));

    /// <summary>The source position from debug metadata, or null when the instruction has none.</summary>
    public DebugLocation? DebugLocation
    {
        get
        {
            uint line = LLVM.LLVMGetDebugLocLine(Handle);
            if (line == 0)
            {
                return null;
            }
            uint fileLength, directoryLength;
            string file = NativeUtf8.Read(LLVM.LLVMGetDebugLocFilename(Handle, &fileLength), fileLength);
            string directory = NativeUtf8.Read(LLVM.LLVMGetDebugLocDirectory(Handle, &directoryLength), directoryLength);
            return new DebugLocation(directory, file, line, LLVM.LLVMGetDebugLocColumn(Handle));
        }
    }

    public int SuccessorCount => (int)LLVM.LLVMGetNumSuccessors(Handle);
    public LlvmBasicBlock GetSuccessor(int index) => new(LLVM.LLVMGetSuccessor(Handle, (uint)index));

    /// <summary>Whether this is a <c>br i1 %c, …</c> (a branch with a condition).</summary>
    public bool IsConditionalBranch => Opcode == LLVMOpcode.LLVMBr && LLVM.LLVMIsConditional(Handle) != 0;

    /// <summary>Replaces the condition of a conditional branch (e.g. by a constant, for simplifycfg to fold).</summary>
    public void SetCondition(LlvmValue condition) => LLVM.LLVMSetCondition(Handle, condition.Handle);

    /// <summary>
    /// The names of the properties in this instruction's metadata node of kind <paramref name="kind"/>
    /// (for <c>!llvm.loop</c>: <c>llvm.loop.isvectorized</c>, <c>llvm.loop.mustprogress</c>, …): the
    /// leading string of every operand that is a node starting with one.
    /// </summary>
    public IReadOnlyList<string> MetadataPropertyNames(uint kind)
    {
        LLVMValueRef node = LLVM.LLVMGetMetadata(Handle, kind);
        if (node.IsNull)
        {
            return [];
        }
        var names = new List<string>();
        foreach (LLVMValueRef property in NodeOperands(node))
        {
            if (property.IsNull || LLVM.LLVMIsAMDNode(property).IsNull)
            {
                continue;
            }
            LLVMValueRef[] fields = NodeOperands(property);
            if (fields.Length > 0 && !fields[0].IsNull && !LLVM.LLVMIsAMDString(fields[0]).IsNull)
            {
                uint length;
                sbyte* text = LLVM.LLVMGetMDString(fields[0], &length);
                names.Add(new string(text, 0, (int)length, System.Text.Encoding.UTF8));
            }
        }
        return names;
    }

    private static LLVMValueRef[] NodeOperands(LLVMValueRef node)
    {
        var operands = new LLVMValueRef[LLVM.LLVMGetMDNodeNumOperands(node)];
        fixed (LLVMValueRef* destination = operands)
        {
            LLVM.LLVMGetMDNodeOperands(node, destination);
        }
        return operands;
    }

    public void EraseFromParent() => LLVM.LLVMInstructionEraseFromParent(Handle);

    public override string ToString() => Value.PrintToString();
}
