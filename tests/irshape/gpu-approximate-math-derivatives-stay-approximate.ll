; RUN: enzyme-ad %s --target nvptx64-nvidia-cuda -O2 -o %t.ll
;
; sinf and __log2f in device code are the GPU's approximate instructions (enzyme_cuda.h, no
; libdevice): the derivative of sin.approx is cos.approx of the same argument, the derivative of
; lg2.approx is 1 / (x ln 2), and no libm call appears (the GPU has none).
;
; CHECK-LABEL: define ptx_kernel void @approx_gradient(
; CHECK: [[X:%.*]] = load float, ptr
; CHECK: call {{.*}}float @llvm.nvvm.sin.approx.f(float [[X]])
; CHECK: call {{.*}}float @llvm.nvvm.lg2.approx.f(float [[X]])
; CHECK-DAG: [[X_LN2:%.*]] = fmul float [[X]], 0x3FE62E43{{[0-9A-F]+}}
; CHECK-DAG: fdiv float 1.000000e+00, [[X_LN2]]
; CHECK-DAG: call float @llvm.nvvm.cos.approx.f(float [[X]])
; CHECK: atomicrmw fadd ptr
; CHECK: ret void
; CHECK-NOT: declare {{.*}}@{{sinf|cosf|logf|log2f}}(

target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@enzyme_const = external local_unnamed_addr addrspace(1) global i32, align 4
@enzyme_dup = external local_unnamed_addr addrspace(1) global i32, align 4

define void @approx_element(i32 %n, ptr noalias readonly captures(none) %x, ptr noalias writeonly captures(none) %y) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = tail call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = tail call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %mul = mul i32 %0, %1
  %2 = tail call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %add = add i32 %mul, %2
  %cmp = icmp slt i32 %add, %n
  br i1 %cmp, label %if.then, label %if.end

if.then:
  %idxprom = sext i32 %add to i64
  %arrayidx = getelementptr inbounds float, ptr %x, i64 %idxprom
  %3 = load float, ptr %arrayidx, align 4
  %4 = tail call contract float @llvm.nvvm.sin.approx.f(float %3)
  %5 = tail call contract float @llvm.nvvm.lg2.approx.f(float %3)
  %mul7 = fmul contract float %4, %5
  %arrayidx9 = getelementptr inbounds float, ptr %y, i64 %idxprom
  store float %mul7, ptr %arrayidx9, align 4
  br label %if.end

if.end:
  ret void
}

define ptx_kernel void @approx_gradient(i32 %n, ptr %x, ptr %dx, ptr %y, ptr %dy) local_unnamed_addr mustprogress noinline norecurse nounwind {
entry:
  %0 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_const to ptr), align 4
  %1 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_dup to ptr), align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @approx_element, i32 %0, i32 %n, i32 %1, ptr %x, ptr %dx, i32 %1, ptr %y, ptr %dy) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr nounwind

declare range(i32 0, 2147483647) i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 1, 1025) i32 @llvm.nvvm.read.ptx.sreg.ntid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 0, 1024) i32 @llvm.nvvm.read.ptx.sreg.tid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare float @llvm.nvvm.sin.approx.f(float) mustprogress nofree nosync nounwind willreturn memory(none)

declare float @llvm.nvvm.lg2.approx.f(float) mustprogress nofree nosync nounwind willreturn memory(none)
