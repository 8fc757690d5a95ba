using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>
/// An in-process ORC LLJIT for the host. Engine tests use it to run generated code without
/// writing files. Added modules are copied (through bitcode) into a context the JIT owns, so
/// the caller keeps its module; symbols of the host process (libc, libm) resolve automatically.
/// </summary>
public sealed unsafe class LlvmJit : IDisposable
{
    private LLVMOrcLLJITRef _handle;

    public LlvmJit()
    {
        LlvmTargets.InitializeNative();
        LLVMOrcLLJITRef jit;
        LlvmException.ThrowIfFailed(LLVM.LLVMOrcCreateLLJIT(&jit, 0), "creating the JIT");
        _handle = jit;

        LLVMOrcDefinitionGeneratorRef processSymbols;
        LlvmException.ThrowIfFailed(
            LLVM.LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&processSymbols, LLVM.LLVMOrcLLJITGetGlobalPrefix(jit), 0, null),
            "creating the process symbol generator");
        LLVM.LLVMOrcJITDylibAddGenerator(LLVM.LLVMOrcLLJITGetMainJITDylib(jit), processSymbols);
    }

    public LLVMOrcLLJITRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmJit)) : _handle;

    public string TargetTriple => NativeUtf8.Read(LLVM.LLVMOrcLLJITGetTripleString(Handle));
    public string DataLayout => NativeUtf8.Read(LLVM.LLVMOrcLLJITGetDataLayoutStr(Handle));

    /// <summary>Adds a copy of <paramref name="module"/>; it is compiled lazily on first lookup.</summary>
    public void AddModule(LlvmModule module)
    {
        byte[] bitcode = module.WriteBitcode();
        LLVMContextRef context = LLVM.LLVMContextCreate();
        LLVMModuleRef copy;
        sbyte* message = null;
        LLVMMemoryBufferRef buffer;
        fixed (byte* data = bitcode)
        fixed (byte* name = NativeUtf8.Encode(module.Identifier))
        {
            buffer = LLVM.LLVMCreateMemoryBufferWithMemoryRangeCopy((sbyte*)data, (nuint)bitcode.Length, (sbyte*)name);
        }
        try
        {
            if (LLVM.LLVMParseIRInContext2(context, buffer, &copy, &message) != 0)
            {
                LLVM.LLVMContextDispose(context);
                throw new LlvmException(NativeUtf8.TakeMessage(message));
            }
        }
        finally
        {
            LLVM.LLVMDisposeMemoryBuffer(buffer);
        }
        if (NativeUtf8.Read(LLVM.LLVMGetTarget(copy)).Length == 0)
        {
            fixed (byte* triple = NativeUtf8.Encode(TargetTriple))
            fixed (byte* layout = NativeUtf8.Encode(DataLayout))
            {
                LLVM.LLVMSetTarget(copy, (sbyte*)triple);
                LLVM.LLVMSetDataLayout(copy, (sbyte*)layout);
            }
        }

        // The thread-safe context takes the LLVMContext over; our reference to it can go at once.
        LLVMOrcThreadSafeContextRef threadSafeContext = LLVM.LLVMOrcCreateNewThreadSafeContextFromLLVMContext(context);
        LLVMOrcThreadSafeModuleRef threadSafeModule = LLVM.LLVMOrcCreateNewThreadSafeModule(copy, threadSafeContext);
        LLVM.LLVMOrcDisposeThreadSafeContext(threadSafeContext);
        LlvmException.ThrowIfFailed(
            LLVM.LLVMOrcLLJITAddLLVMIRModule(Handle, LLVM.LLVMOrcLLJITGetMainJITDylib(Handle), threadSafeModule),
            "adding a module to the JIT");
    }

    /// <summary>Address of a JIT-compiled symbol; compiles it on first use.</summary>
    public nint GetSymbolAddress(string name)
    {
        ulong address;
        fixed (byte* n = NativeUtf8.Encode(name))
        {
            LlvmException.ThrowIfFailed(LLVM.LLVMOrcLLJITLookup(Handle, &address, (sbyte*)n), $"looking up '{name}'");
        }
        return (nint)address;
    }

    public void Dispose()
    {
        if (!_handle.IsNull)
        {
            LLVMErrorRef error = LLVM.LLVMOrcDisposeLLJIT(_handle);
            _handle = default;
            if (!error.IsNull)
            {
                LLVM.LLVMConsumeError(error);
            }
        }
    }
}
