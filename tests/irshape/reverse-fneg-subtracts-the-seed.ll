; RUN: enzyme-ad %s -O1 -o %t.ll
;
; out = -in: the adjoint of fneg subtracts the seed from in's shadow (no multiplication by -1).
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: fneg double
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK-NEXT: store double 0.000000e+00, ptr %dout
; CHECK-NOT: fmul
; CHECK: [[OLD:%.*]] = load double, ptr %din
; CHECK-NEXT: [[NEW:%.*]] = fsub reassoc nsz contract double [[OLD]], [[SEED]]
; CHECK-NEXT: store double [[NEW]], ptr %din

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @negate, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @negate(ptr writeonly captures(none) initializes((0, 8)) %out, ptr readonly captures(none) %in) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %in, align 8
  %fneg = fneg double %0
  store double %fneg, ptr %out, align 8
  ret void
}
