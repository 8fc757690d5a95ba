; RUN: enzyme-ad %s --no-preopt --target nvptx64-nvidia-cuda -O0 -o %t.ll
; (--no-preopt: optimised first, SROA puts the window in registers, and there is no alloca left to check.)
;
; A kernel with a thread-private array (an alloca: each thread has its own): the adjoints
; accumulated into the array's shadow are plain load/fadd/store, and only the adjoint of x, in
; global memory shared by the threads, is an atomic add. Checked on the engine's own output.
;
; CHECK-LABEL: define ptx_kernel void @smooth_gradient(
; CHECK: call void @[[DERIVATIVE:[^(]+]](i32 %n, ptr %x, ptr %dx, ptr %y, ptr %dy)
; CHECK: define internal void @[[DERIVATIVE]](i32 %n, ptr {{[^,]*}}%x, ptr {{[^,]*}} [[X_SHADOW:%[^,]+]], ptr
; CHECK: [[WINDOW:%.*]] = alloca [3 x float]
; CHECK-NEXT: [[WINDOW_SHADOW:%.*]] = alloca [3 x float]
; CHECK-NOT: atomicrmw
; CHECK: [[OLD:%.*]] = load float, ptr [[WINDOW_SHADOW]]
; CHECK-NEXT: [[NEW:%.*]] = fadd reassoc nsz contract float [[OLD]],
; CHECK-NEXT: store float [[NEW]], ptr [[WINDOW_SHADOW]]
; CHECK-NOT: atomicrmw
; CHECK: [[X_ELEMENT:%.*]] = getelementptr {{.*}}ptr [[X_SHADOW]], i64
; CHECK-NEXT: atomicrmw fadd ptr [[X_ELEMENT]], float {{%.*}} monotonic
; CHECK-NOT: atomicrmw
; CHECK: {{^}}}

target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@enzyme_const = external local_unnamed_addr addrspace(1) global i32, align 4
@enzyme_dup = external local_unnamed_addr addrspace(1) global i32, align 4

define void @smooth_element(i32 %n, ptr noalias readonly captures(none) %x, ptr noalias writeonly captures(none) %y) mustprogress nofree norecurse nosync nounwind memory(argmem: readwrite) {
entry:
  %window = alloca [3 x float], align 4
  %0 = tail call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = tail call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %mul = mul i32 %0, %1
  %2 = tail call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %add = add i32 %mul, %2
  call void @llvm.lifetime.start.p0(ptr nonnull %window) nounwind
  %add3 = add nsw i32 %add, 2
  %cmp = icmp slt i32 %add3, %n
  br i1 %cmp, label %for.body, label %if.end

for.cond.cleanup:
  %3 = load float, ptr %window, align 4
  %arrayidx13 = getelementptr inbounds nuw i8, ptr %window, i64 4
  %4 = load float, ptr %arrayidx13, align 4
  %mul14 = fmul contract float %4, 2.000000e+00
  %add15 = fadd contract float %3, %mul14
  %arrayidx16 = getelementptr inbounds nuw i8, ptr %window, i64 8
  %5 = load float, ptr %arrayidx16, align 4
  %add17 = fadd contract float %5, %add15
  %idxprom18 = sext i32 %add to i64
  %arrayidx19 = getelementptr inbounds float, ptr %y, i64 %idxprom18
  store float %add17, ptr %arrayidx19, align 4
  br label %if.end

for.body:
  %k.028 = phi i32 [ %inc, %for.body ], [ 0, %entry ]
  %add5 = add nsw i32 %k.028, %add
  %idxprom = sext i32 %add5 to i64
  %arrayidx = getelementptr inbounds float, ptr %x, i64 %idxprom
  %6 = load float, ptr %arrayidx, align 4
  %mul9 = fmul contract float %6, %6
  %idxprom10 = zext nneg i32 %k.028 to i64
  %arrayidx11 = getelementptr inbounds nuw float, ptr %window, i64 %idxprom10
  store float %mul9, ptr %arrayidx11, align 4
  %inc = add nuw nsw i32 %k.028, 1
  %exitcond.not = icmp eq i32 %inc, 3
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body

if.end:
  call void @llvm.lifetime.end.p0(ptr nonnull %window) nounwind
  ret void
}

declare void @llvm.lifetime.start.p0(ptr captures(none)) mustprogress nofree nosync nounwind willreturn memory(argmem: readwrite)

declare void @llvm.lifetime.end.p0(ptr captures(none)) mustprogress nofree nosync nounwind willreturn memory(argmem: readwrite)

define ptx_kernel void @smooth_gradient(i32 %n, ptr %x, ptr %dx, ptr %y, ptr %dy) local_unnamed_addr mustprogress noinline norecurse nounwind {
entry:
  %0 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_const to ptr), align 4
  %1 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_dup to ptr), align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @smooth_element, i32 %0, i32 %n, i32 %1, ptr %x, ptr %dx, i32 %1, ptr %y, ptr %dy) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr nounwind

declare range(i32 0, 2147483647) i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 1, 1025) i32 @llvm.nvvm.read.ptx.sreg.ntid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 0, 1024) i32 @llvm.nvvm.read.ptx.sreg.tid.x() mustprogress nofree nosync nounwind willreturn memory(none)
