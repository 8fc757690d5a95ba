using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>
/// Owns an LLVM module. Created by <see cref="LlvmContext"/>; disposed before the context (the
/// context disposes stragglers). Linking another module into this one consumes the other.
/// </summary>
public sealed unsafe class LlvmModule : IDisposable
{
    private LLVMModuleRef _handle;

    internal LlvmModule(LLVMModuleRef handle, LlvmContext context)
    {
        _handle = handle;
        Context = context;
    }

    public LlvmContext Context { get; }

    public LLVMModuleRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmModule)) : _handle;

    public bool IsDisposed => _handle.IsNull;

    public string Identifier
    {
        get
        {
            nuint length;
            sbyte* text = LLVM.LLVMGetModuleIdentifier(Handle, &length);
            return NativeUtf8.Read(text, length);
        }
    }

    /// <summary>The target triple; empty when the module has none.</summary>
    public string TargetTriple
    {
        get => NativeUtf8.Read(LLVM.LLVMGetTarget(Handle));
        set
        {
            fixed (byte* t = NativeUtf8.Encode(value))
            {
                LLVM.LLVMSetTarget(Handle, (sbyte*)t);
            }
        }
    }

    public string DataLayout
    {
        get => NativeUtf8.Read(LLVM.LLVMGetDataLayoutStr(Handle));
        set
        {
            fixed (byte* d = NativeUtf8.Encode(value))
            {
                LLVM.LLVMSetDataLayout(Handle, (sbyte*)d);
            }
        }
    }

    /// <summary>The data layout as queries (sizes, alignments, offsets); owned by the module.</summary>
    public LlvmTargetData TargetData => new(LLVM.LLVMGetModuleDataLayout(Handle));

    public IEnumerable<LlvmFunction> Functions
    {
        get
        {
            for (LLVMValueRef f = LLVM.LLVMGetFirstFunction(Handle); !f.IsNull; f = LLVM.LLVMGetNextFunction(f))
            {
                yield return new LlvmFunction(f);
            }
        }
    }

    public IEnumerable<LlvmValue> Globals
    {
        get
        {
            for (LLVMValueRef g = LLVM.LLVMGetFirstGlobal(Handle); !g.IsNull; g = LLVM.LLVMGetNextGlobal(g))
            {
                yield return new LlvmValue(g);
            }
        }
    }

    public LlvmFunction? GetFunction(string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            LLVMValueRef f = LLVM.LLVMGetNamedFunction(Handle, (sbyte*)n);
            return f.IsNull ? null : new LlvmFunction(f);
        }
    }

    public LlvmValue? GetGlobal(string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            LLVMValueRef g = LLVM.LLVMGetNamedGlobal(Handle, (sbyte*)n);
            return g.IsNull ? null : new LlvmValue(g);
        }
    }

    public LlvmFunction AddFunction(string name, LlvmType functionType)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmFunction(LLVM.LLVMAddFunction(Handle, (sbyte*)n, functionType.Handle));
        }
    }

    /// <summary>A new global variable of <paramref name="valueType"/>, external and without initializer until given one.</summary>
    public LlvmGlobalVariable AddGlobal(LlvmType valueType, string name)
    {
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            return new LlvmGlobalVariable(LLVM.LLVMAddGlobal(Handle, valueType.Handle, (sbyte*)n));
        }
    }

    /// <summary>Textual IR of the whole module.</summary>
    public string PrintToString() => NativeUtf8.TakeMessage(LLVM.LLVMPrintModuleToString(Handle));

    public override string ToString() => PrintToString();

    public byte[] WriteBitcode()
    {
        using var buffer = new LlvmMemoryBuffer(LLVM.LLVMWriteBitcodeToMemoryBuffer(Handle), Identifier);
        return buffer.ToArray();
    }

    /// <summary>Runs the IR verifier; returns its report when the module is broken, else null.</summary>
    public string? Verify()
    {
        sbyte* message = null;
        bool broken = LLVM.LLVMVerifyModule(Handle, LLVMVerifierFailureAction.LLVMReturnStatusAction, &message) != 0;
        string text = NativeUtf8.TakeMessage(message).Trim();
        return broken ? (text.Length > 0 ? text : "module failed verification") : null;
    }

    /// <summary>Links <paramref name="source"/> into this module. The source is consumed (disposed) either way.</summary>
    public void Link(LlvmModule source)
    {
        if (source.Context != Context)
        {
            throw new ArgumentException("Modules from different contexts cannot be linked.", nameof(source));
        }
        Context.TakeDiagnostics();
        LLVMModuleRef consumed = source.Handle;
        source.Release();
        if (LLVM.LLVMLinkModules2(Handle, consumed) != 0)
        {
            throw new LlvmException(Context.FirstErrorMessage() ?? "linking failed");
        }
    }

    /// <summary>Runs a new-pass-manager pipeline such as <c>default&lt;O2&gt;</c> over the module.</summary>
    public void RunPasses(string pipeline, LlvmTargetMachine? targetMachine = null, LlvmPassBuilderOptions? options = null)
    {
        using LlvmPassBuilderOptions? owned = options is null ? new LlvmPassBuilderOptions() : null;
        fixed (byte* p = NativeUtf8.Encode(pipeline))
        {
            LLVMErrorRef error = LLVM.LLVMRunPasses(
                Handle, (sbyte*)p, targetMachine?.Handle ?? default, (options ?? owned!).Handle);
            LlvmException.ThrowIfFailed(error, $"pass pipeline '{pipeline}'");
        }
    }

    public LlvmModule Clone() => Context.Adopt(LLVM.LLVMCloneModule(Handle));

    /// <summary>Gives up ownership without destroying the module (LLVM took it over).</summary>
    internal void Release()
    {
        Context.Forget(this);
        _handle = default;
    }

    public void Dispose()
    {
        if (_handle.IsNull)
        {
            return;
        }
        LLVM.LLVMDisposeModule(_handle);
        Release();
    }
}
