using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>Owns <c>LLVMPassBuilderOptions</c> for <see cref="LlvmModule.RunPasses"/>.</summary>
public sealed class LlvmPassBuilderOptions : IDisposable
{
    private LLVMPassBuilderOptionsRef _handle = LLVM.LLVMCreatePassBuilderOptions();

    public LLVMPassBuilderOptionsRef Handle => _handle.IsNull ? throw new ObjectDisposedException(nameof(LlvmPassBuilderOptions)) : _handle;

    /// <summary>Verify the IR after every pass (slow; for debugging the engine).</summary>
    public bool VerifyEach { set => LLVM.LLVMPassBuilderOptionsSetVerifyEach(Handle, value ? 1 : 0); }

    public bool LoopVectorization { set => LLVM.LLVMPassBuilderOptionsSetLoopVectorization(Handle, value ? 1 : 0); }
    public bool SlpVectorization { set => LLVM.LLVMPassBuilderOptionsSetSLPVectorization(Handle, value ? 1 : 0); }
    public bool LoopUnrolling { set => LLVM.LLVMPassBuilderOptionsSetLoopUnrolling(Handle, value ? 1 : 0); }

    public void Dispose()
    {
        if (!_handle.IsNull)
        {
            LLVM.LLVMDisposePassBuilderOptions(_handle);
            _handle = default;
        }
    }
}
