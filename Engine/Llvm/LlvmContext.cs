using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>
/// Owns an <c>LLVMContext</c> and the modules created in it. Diagnostics LLVM reports through
/// the context (bitcode reader, linker, optimisation remarks) are collected instead of
/// printed: without a handler LLVM calls <c>exit(1)</c> on an error diagnostic.
/// Not thread-safe, like the context itself.
/// </summary>
public sealed unsafe class LlvmContext : IDisposable
{
    private readonly List<LlvmDiagnostic> _diagnostics = [];
    private readonly HashSet<LlvmModule> _liveModules = [];
    private GCHandle _self;
    private LLVMContextRef _handle;

    public LlvmContext()
    {
        _handle = LLVM.LLVMContextCreate();
        _self = GCHandle.Alloc(this);
        LLVM.LLVMContextSetDiagnosticHandler(_handle, &OnDiagnostic, (void*)GCHandle.ToIntPtr(_self));
    }

    public LLVMContextRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmContext)) : _handle;

    /// <summary>Diagnostics reported since the last <see cref="TakeDiagnostics"/>.</summary>
    public IReadOnlyList<LlvmDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Returns and clears the collected diagnostics.</summary>
    public IReadOnlyList<LlvmDiagnostic> TakeDiagnostics()
    {
        LlvmDiagnostic[] taken = [.. _diagnostics];
        _diagnostics.Clear();
        return taken;
    }

    /// <summary>First error diagnostic reported since the last <see cref="TakeDiagnostics"/>, if any.</summary>
    public string? FirstErrorMessage() => _diagnostics.FirstOrDefault(d => d.IsError)?.Message;

    public LlvmModule CreateModule(string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return Adopt(LLVM.LLVMModuleCreateWithNameInContext((sbyte*)n, Handle));
        }
    }

    /// <summary>Parses textual IR or bitcode (detected by its magic number) from a file and verifies it.</summary>
    public LlvmModule ParseFile(string path)
    {
        using LlvmMemoryBuffer buffer = LlvmMemoryBuffer.FromFile(path);
        return Parse(buffer);
    }

    /// <summary>Parses textual IR held in a string; <paramref name="name"/> appears in messages.</summary>
    public LlvmModule ParseText(string irText, string name = "<string>")
    {
        using LlvmMemoryBuffer buffer = LlvmMemoryBuffer.FromBytes(System.Text.Encoding.UTF8.GetBytes(irText), name);
        return Parse(buffer);
    }

    /// <summary>Parses textual IR or bitcode from memory and verifies the module.</summary>
    public LlvmModule Parse(LlvmMemoryBuffer buffer)
    {
        _diagnostics.Clear();
        LLVMModuleRef module;
        sbyte* message = null;
        if (LLVM.LLVMParseIRInContext2(Handle, buffer.Handle, &module, &message) != 0)
        {
            string text = NativeUtf8.TakeMessage(message);
            throw new LlvmException(string.IsNullOrEmpty(text) ? FirstErrorMessage() ?? "could not parse module" : text);
        }
        NativeUtf8.TakeMessage(message);
        LlvmModule result = Adopt(module);
        string? invalid = result.Verify();
        if (invalid is not null)
        {
            result.Dispose();
            throw new LlvmException($"{buffer.Name}: invalid module: {invalid}");
        }
        return result;
    }

    // ---- Frequently used types ----
    public LlvmType VoidType => new(LLVM.LLVMVoidTypeInContext(Handle));
    public LlvmType Int1Type => new(LLVM.LLVMInt1TypeInContext(Handle));
    public LlvmType Int8Type => new(LLVM.LLVMInt8TypeInContext(Handle));
    public LlvmType Int32Type => new(LLVM.LLVMInt32TypeInContext(Handle));
    public LlvmType Int64Type => new(LLVM.LLVMInt64TypeInContext(Handle));
    public LlvmType FloatType => new(LLVM.LLVMFloatTypeInContext(Handle));
    public LlvmType DoubleType => new(LLVM.LLVMDoubleTypeInContext(Handle));
    public LlvmType X86Fp80Type => new(LLVM.LLVMX86FP80TypeInContext(Handle));
    public LlvmType PointerType(uint addressSpace = 0) => new(LLVM.LLVMPointerTypeInContext(Handle, addressSpace));
    public LlvmType IntType(uint bits) => new(LLVM.LLVMIntTypeInContext(Handle, bits));

    public LlvmType StructType(ReadOnlySpan<LlvmType> elements, bool packed = false)
    {
        LLVMTypeRef[] refs = LlvmType.ToRefs(elements);
        fixed (LLVMTypeRef* e = refs)
        {
            return new LlvmType(LLVM.LLVMStructTypeInContext(Handle, e, (uint)refs.Length, packed ? 1 : 0));
        }
    }

    /// <summary>The named struct type <paramref name="name"/> (e.g. <c>struct.std::pair</c>), or null when the context has none.</summary>
    public LlvmType? NamedStructType(string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            LLVMTypeRef type = LLVM.LLVMGetTypeByName2(Handle, (sbyte*)n);
            return type.IsNull ? null : new LlvmType(type);
        }
    }

    public LlvmBasicBlock AppendBasicBlock(LlvmFunction function, string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmBasicBlock(LLVM.LLVMAppendBasicBlockInContext(Handle, function.Handle, (sbyte*)n));
        }
    }

    /// <summary>A new block placed before <paramref name="before"/> in its function (e.g. a new entry block).</summary>
    public LlvmBasicBlock InsertBasicBlock(LlvmBasicBlock before, string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmBasicBlock(LLVM.LLVMInsertBasicBlockInContext(Handle, before.Handle, (sbyte*)n));
        }
    }

    /// <summary>The enum attribute of kind <paramref name="kind"/> (<see cref="LlvmAttribute.KindOf"/>) with <paramref name="value"/>.</summary>
    public LlvmAttribute CreateEnumAttribute(uint kind, ulong value = 0) => new(LLVM.LLVMCreateEnumAttribute(Handle, kind, value));

    /// <summary>The id of the metadata kind <paramref name="name"/> (e.g. <c>DIAssignID</c>) in this context.</summary>
    public uint MetadataKindId(string name)
    {
        byte[] bytes = NativeUtf8.Encode(name);
        fixed (byte* n = bytes)
        {
            return LLVM.LLVMGetMDKindIDInContext(Handle, (sbyte*)n, (uint)(bytes.Length - 1));
        }
    }

    /// <summary>Wraps a module created in this context by the C API; the wrapper owns it.</summary>
    internal LlvmModule Adopt(LLVMModuleRef module)
    {
        var wrapper = new LlvmModule(module, this);
        _liveModules.Add(wrapper);
        return wrapper;
    }

    internal void Forget(LlvmModule module) => _liveModules.Remove(module);

    public void Dispose()
    {
        if (_handle.IsNull)
        {
            return;
        }
        // Modules must go before their context; dispose the ones the caller still holds.
        foreach (LlvmModule module in _liveModules.ToArray())
        {
            module.Dispose();
        }
        LLVM.LLVMContextDispose(_handle);
        _handle = default;
        _self.Free();
    }

    [UnmanagedCallersOnly]
    private static void OnDiagnostic(LLVMDiagnosticInfoRef info, void* state)
    {
        if (GCHandle.FromIntPtr((nint)state).Target is not LlvmContext context)
        {
            return;
        }
        string message = NativeUtf8.TakeMessage(LLVM.LLVMGetDiagInfoDescription(info));
        context._diagnostics.Add(new LlvmDiagnostic(LLVM.LLVMGetDiagInfoSeverity(info), message));
    }
}
