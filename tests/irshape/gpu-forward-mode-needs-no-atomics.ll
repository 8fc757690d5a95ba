; RUN: enzyme-ad %s --target nvptx64-nvidia-cuda -O2 -o %t.ll
;
; Forward mode in a kernel: each thread computes and stores the tangent of its own y[i], so
; nothing is accumulated across threads and no atomic is needed; the tangent of the GPU's
; approximate sinf is its approximate cos.
;
; CHECK-LABEL: define ptx_kernel void @wave_tangent(
; CHECK-NOT: atomicrmw
; CHECK: [[COS:%.*]] = {{.*}}call float @llvm.nvvm.cos.approx.f(float
; CHECK: [[TANGENT_ADDRESS:%.*]] = getelementptr {{.*}}ptr %dy, i64
; CHECK: store float {{%.*}}, ptr [[TANGENT_ADDRESS]]
; CHECK-NOT: atomicrmw
; CHECK: ret void

target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@enzyme_const = external local_unnamed_addr addrspace(1) global i32, align 4
@enzyme_dup = external local_unnamed_addr addrspace(1) global i32, align 4

define void @wave_element(i32 %n, ptr readonly captures(none) %w, ptr readonly captures(none) %x, ptr writeonly captures(none) %y) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = tail call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = tail call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %mul = mul i32 %0, %1
  %2 = tail call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %add = add i32 %mul, %2
  %cmp = icmp slt i32 %add, %n
  br i1 %cmp, label %if.then, label %if.end

if.then:
  %3 = load float, ptr %w, align 4
  %idxprom = sext i32 %add to i64
  %arrayidx3 = getelementptr inbounds float, ptr %x, i64 %idxprom
  %4 = load float, ptr %arrayidx3, align 4
  %5 = tail call contract float @llvm.nvvm.sin.approx.f(float %4)
  %mul5 = fmul contract float %3, %5
  %arrayidx7 = getelementptr inbounds float, ptr %y, i64 %idxprom
  store float %mul5, ptr %arrayidx7, align 4
  br label %if.end

if.end:
  ret void
}

define ptx_kernel void @wave_tangent(i32 %n, ptr %w, ptr %dw, ptr %x, ptr %dx, ptr %y, ptr %dy) local_unnamed_addr mustprogress noinline norecurse nounwind {
entry:
  %0 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_const to ptr), align 4
  %1 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_dup to ptr), align 4
  tail call void (ptr, ...) @__enzyme_fwddiff(ptr nonnull @wave_element, i32 %0, i32 %n, i32 %1, ptr %w, ptr %dw, i32 %1, ptr %x, ptr %dx, i32 %1, ptr %y, ptr %dy) nounwind
  ret void
}

declare void @__enzyme_fwddiff(ptr, ...) local_unnamed_addr nounwind

declare range(i32 0, 2147483647) i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 1, 1025) i32 @llvm.nvvm.read.ptx.sreg.ntid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 0, 1024) i32 @llvm.nvvm.read.ptx.sreg.tid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare float @llvm.nvvm.sin.approx.f(float) mustprogress nofree nosync nounwind willreturn memory(none)
