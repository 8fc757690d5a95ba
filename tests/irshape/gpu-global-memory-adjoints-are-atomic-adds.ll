; RUN: enzyme-ad %s --target nvptx64-nvidia-cuda -O2 -o %t.ll
;
; A CUDA kernel (clang -x cuda --cuda-device-only with enzyme_cuda.h, as Enzyme.Sdk compiles .cu
; files) where every thread computes y[i] = w[0] x[i]^2: all threads run the reverse sweep at
; once, so the adjoints of loads from memory other threads may also read (x[i], and the weight
; w[0] every thread reads) are added with `atomicrmw fadd`, never with a plain load/add/store.
; The seed dy[i] belongs to this thread's store and is read and zeroed plainly.
;
; CHECK-LABEL: define ptx_kernel void @scale_gradient(
; CHECK-NOT: {{load|store}} float{{.*}}, ptr %dw
; CHECK: [[SEED_ADDRESS:%.*]] = getelementptr {{.*}}ptr %dy, i64
; CHECK: load float, ptr [[SEED_ADDRESS]]
; CHECK-NEXT: store float 0.000000e+00, ptr [[SEED_ADDRESS]]
; CHECK-NOT: {{load|store}} float{{.*}}, ptr %dw
; CHECK-DAG: [[DX_ADDRESS:%.*]] = getelementptr {{.*}}ptr %dx, i64
; CHECK-DAG: atomicrmw fadd ptr [[DX_ADDRESS]], float {{%.*}} monotonic
; CHECK-DAG: atomicrmw fadd ptr %dw, float {{%.*}} monotonic
; CHECK-NOT: {{load|store}} float{{.*}}, ptr %dw
; CHECK: ret void

target datalayout = "e-p6:32:32-i64:64-i128:128-i256:256-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@enzyme_const = external local_unnamed_addr addrspace(1) global i32, align 4
@enzyme_dup = external local_unnamed_addr addrspace(1) global i32, align 4

define void @scale_element(i32 %n, ptr readonly captures(none) %w, ptr readonly captures(none) %x, ptr writeonly captures(none) %y) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
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
  %mul4 = fmul contract float %3, %4
  %mul7 = fmul contract float %4, %mul4
  %arrayidx9 = getelementptr inbounds float, ptr %y, i64 %idxprom
  store float %mul7, ptr %arrayidx9, align 4
  br label %if.end

if.end:
  ret void
}

define ptx_kernel void @scale_gradient(i32 %n, ptr %w, ptr %dw, ptr %x, ptr %dx, ptr %y, ptr %dy) local_unnamed_addr mustprogress noinline norecurse nounwind {
entry:
  %0 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_const to ptr), align 4
  %1 = load i32, ptr addrspacecast (ptr addrspace(1) @enzyme_dup to ptr), align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @scale_element, i32 %0, i32 %n, i32 %1, ptr %w, ptr %dw, i32 %1, ptr %x, ptr %dx, i32 %1, ptr %y, ptr %dy) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr nounwind

declare range(i32 0, 2147483647) i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 1, 1025) i32 @llvm.nvvm.read.ptx.sreg.ntid.x() mustprogress nofree nosync nounwind willreturn memory(none)

declare range(i32 0, 1024) i32 @llvm.nvvm.read.ptx.sreg.tid.x() mustprogress nofree nosync nounwind willreturn memory(none)
