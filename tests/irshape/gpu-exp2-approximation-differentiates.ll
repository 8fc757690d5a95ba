; RUN: enzyme-ad %s --target nvptx64-nvidia-cuda -O2 -o %t.ll
;
; __expf and __exp2f from enzyme_cuda.h compile, with LLVM 22, to llvm.nvvm.ex2.approx.f32 (the
; type-overloaded spelling; older LLVMs said .f). Its derivative is the result times ln 2, in
; reverse mode with an atomic add into the shared input's shadow.
;
; CHECK-LABEL: define ptx_kernel void @exp2_gradient(
; CHECK: [[X:%.*]] = load float, ptr
; CHECK: [[E:%.*]] = {{.*}}call {{.*}}float @llvm.nvvm.ex2.approx.f32(float [[X]])
; CHECK: fmul {{.*}}float [[E]], 0x3FE62E43{{[0-9A-F]+}}
; CHECK: atomicrmw fadd ptr
; CHECK: ret void

target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@enzyme_const = external local_unnamed_addr addrspace(1) global i32, align 4
@enzyme_dup = external local_unnamed_addr addrspace(1) global i32, align 4

define void @exp2_element(i32 %n, ptr noalias readonly captures(none) %x, ptr noalias writeonly captures(none) %y) nounwind {
entry:
  %0 = tail call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %cmp = icmp slt i32 %0, %n
  br i1 %cmp, label %if.then, label %if.end

if.then:
  %idxprom = sext i32 %0 to i64
  %arrayidx = getelementptr inbounds float, ptr %x, i64 %idxprom
  %1 = load float, ptr %arrayidx, align 4
  %2 = tail call float @llvm.nvvm.ex2.approx.f32(float %1)
  %arrayidx9 = getelementptr inbounds float, ptr %y, i64 %idxprom
  store float %2, ptr %arrayidx9, align 4
  br label %if.end

if.end:
  ret void
}

define ptx_kernel void @exp2_gradient(i32 %n, ptr %x, ptr %dx, ptr %y, ptr %dy) nounwind {
entry:
  %0 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_const to ptr), align 4
  %1 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_dup to ptr), align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @exp2_element, i32 %0, i32 %n, i32 %1, ptr %x, ptr %dx, i32 %1, ptr %y, ptr %dy) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr nounwind

declare i32 @llvm.nvvm.read.ptx.sreg.tid.x() nounwind memory(none)

declare float @llvm.nvvm.ex2.approx.f32(float) nounwind memory(none)
