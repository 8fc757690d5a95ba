; RUN: enzyme-ad %s --target nvptx64-nvidia-cuda -O2 -o %t.ll
;
; A CUDA reduction, atomicAdd(out, x[i]^2 / 2) through a global-space pointer with device scope:
; the gradient reads the shadow of out (in the same address space) with a monotonic atomic load,
; since other threads may update it, never writes it (a sum leaves the derivative of out as it was),
; and adds dout * x[i] into dx[i] with an atomic add.
;
; CHECK-LABEL: define ptx_kernel void @sum_squares_gradient(
; CHECK: atomicrmw fadd ptr addrspace(1) {{%.*}}, double {{%.*}} syncscope("device") monotonic
; CHECK: [[DOUT:%.*]] = addrspacecast ptr %dout to ptr addrspace(1)
; CHECK-NEXT: [[S:%.*]] = load atomic double, ptr addrspace(1) [[DOUT]] monotonic
; CHECK-NOT: store {{.*}}[[DOUT]]
; CHECK: [[DX:%.*]] = getelementptr inbounds double, ptr %dx, i64
; CHECK-NEXT: atomicrmw fadd ptr [[DX]], double {{%.*}} monotonic
; CHECK-NOT: [[DOUT]]
; CHECK: ret void

target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@enzyme_const = external local_unnamed_addr addrspace(1) global i32, align 4
@enzyme_dup = external local_unnamed_addr addrspace(1) global i32, align 4

define void @sum_squares(i32 %n, ptr readonly captures(none) %x, ptr captures(none) %out) mustprogress nofree norecurse nounwind willreturn {
entry:
  %0 = tail call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = tail call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %mul = mul i32 %0, %1
  %2 = tail call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = add i32 %mul, %2
  %cmp = icmp slt i32 %i, %n
  br i1 %cmp, label %if.then, label %if.end

if.then:
  %idx = sext i32 %i to i64
  %address = getelementptr inbounds double, ptr %x, i64 %idx
  %xi = load double, ptr %address, align 8
  %square = fmul contract double %xi, %xi
  %half = fmul contract double %square, 5.000000e-01
  %global = addrspacecast ptr %out to ptr addrspace(1)
  %old = atomicrmw fadd ptr addrspace(1) %global, double %half syncscope("device") monotonic, align 8
  br label %if.end

if.end:
  ret void
}

define ptx_kernel void @sum_squares_gradient(i32 %n, ptr %x, ptr %dx, ptr %out, ptr %dout) local_unnamed_addr mustprogress noinline norecurse nounwind {
entry:
  %0 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_const to ptr), align 4
  %1 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_dup to ptr), align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @sum_squares, i32 %0, i32 %n, i32 %1, ptr %x, ptr %dx, i32 %1, ptr %out, ptr %dout) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr nounwind
declare i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() nounwind readnone
declare i32 @llvm.nvvm.read.ptx.sreg.ntid.x() nounwind readnone
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x() nounwind readnone
