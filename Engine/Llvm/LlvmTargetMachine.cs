using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>Owns an <c>LLVMTargetMachine</c>: code generation for one triple and CPU.</summary>
public sealed unsafe class LlvmTargetMachine : IDisposable
{
    private LLVMTargetMachineRef _handle;

    private LlvmTargetMachine(LLVMTargetMachineRef handle, string triple, string cpu)
    {
        _handle = handle;
        Triple = triple;
        Cpu = cpu;
    }

    public LLVMTargetMachineRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmTargetMachine)) : _handle;
    public string Triple { get; }
    public string Cpu { get; }

    /// <summary>
    /// Creates a target machine; the target must have been initialised (<see cref="LlvmTargets"/>).
    /// Throws <see cref="LlvmException"/> with LLVM's message for an unknown triple.
    /// </summary>
    public static LlvmTargetMachine Create(
        string triple,
        string cpu = "",
        string features = "",
        LLVMCodeGenOptLevel level = LLVMCodeGenOptLevel.LLVMCodeGenLevelDefault,
        LLVMRelocMode relocation = LLVMRelocMode.LLVMRelocPIC,
        LLVMCodeModel codeModel = LLVMCodeModel.LLVMCodeModelDefault)
    {
        LLVMTargetRef target;
        sbyte* message = null;
        fixed (byte* t = NativeUtf8.Encode(triple))
        fixed (byte* c = NativeUtf8.Encode(cpu))
        fixed (byte* f = NativeUtf8.Encode(features))
        {
            if (LLVM.LLVMGetTargetFromTriple((sbyte*)t, &target, &message) != 0)
            {
                throw new LlvmException(NativeUtf8.TakeMessage(message));
            }
            NativeUtf8.TakeMessage(message);
            LLVMTargetMachineRef machine = LLVM.LLVMCreateTargetMachine(target, (sbyte*)t, (sbyte*)c, (sbyte*)f, level, relocation, codeModel);
            if (machine.IsNull)
            {
                throw new LlvmException($"could not create a target machine for '{triple}'");
            }
            return new LlvmTargetMachine(machine, triple, cpu);
        }
    }

    /// <summary>The data layout string this machine requires of modules it compiles.</summary>
    public string DataLayout
    {
        get
        {
            LLVMTargetDataRef data = LLVM.LLVMCreateTargetDataLayout(Handle);
            try
            {
                return NativeUtf8.TakeMessage(LLVM.LLVMCopyStringRepOfTargetData(data));
            }
            finally
            {
                LLVM.LLVMDisposeTargetData(data);
            }
        }
    }

    /// <summary>Sets the module's triple and data layout to this machine's.</summary>
    public void ConfigureModule(LlvmModule module)
    {
        module.TargetTriple = Triple;
        module.DataLayout = DataLayout;
    }

    /// <summary>Generates an object file or assembly text (PTX for NVPTX) in memory.</summary>
    public byte[] Emit(LlvmModule module, LLVMCodeGenFileType fileType)
    {
        sbyte* message = null;
        LLVMMemoryBufferRef buffer;
        if (LLVM.LLVMTargetMachineEmitToMemoryBuffer(Handle, module.Handle, fileType, &message, &buffer) != 0)
        {
            throw new LlvmException(NativeUtf8.TakeMessage(message));
        }
        NativeUtf8.TakeMessage(message);
        using var output = new LlvmMemoryBuffer(buffer, module.Identifier);
        return output.ToArray();
    }

    public void Dispose()
    {
        if (!_handle.IsNull)
        {
            LLVM.LLVMDisposeTargetMachine(_handle);
            _handle = default;
        }
    }
}
