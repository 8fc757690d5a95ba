; RUN: enzyme-ad %s -O1 -o %t.ll
;
; old = atomicrmw fadd out, x0^2 (seq_cst); r = old * x1. Reverse: *out += v leaves the derivative of
; *out as it was and hands it to v: the shadow of out is read with a plain load on the CPU (S), the
; adjoint of x0^2 is S (so dx0 += 2 x0 S), and only then does the adjoint of the old value (x1) add
; into the shadow of out: S feeds dx0 before the sum is stored. No atomics in the reverse sweep.
;
; CHECK-LABEL: define void @gradient(
; CHECK: atomicrmw fadd ptr %out, double %square{{.*}} seq_cst
; CHECK-NOT: atomicrmw
; CHECK: [[S:%.*]] = load double, ptr %dout
; CHECK-NEXT: [[SUM:%.*]] = fadd reassoc nsz contract double [[S]], %x1
; CHECK-NEXT: store double [[SUM]], ptr %dout
; CHECK-NEXT: [[PARTIAL:%.*]] = fmul double %x0{{.*}}, [[S]]
; CHECK-NOT: atomicrmw
; CHECK: fmul reassoc nsz contract double [[PARTIAL]], 2.000000e+00
; CHECK-NOT: atomicrmw
; CHECK: store double {{%.*}}, ptr %dx
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %x, ptr %dx) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @accumulate, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %x, ptr %dx) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @accumulate(ptr %out, ptr readonly %x) nounwind {
entry:
  %x0 = load double, ptr %x, align 8
  %square = fmul double %x0, %x0
  %old = atomicrmw fadd ptr %out, double %square seq_cst, align 8
  %next = getelementptr inbounds nuw i8, ptr %x, i64 8
  %x1 = load double, ptr %next, align 8
  %scaled = fmul double %old, %x1
  ret double %scaled
}
