; RUN: enzyme-ad %s -O1 -o %t.ll
;
; The tangent of x * y is dx * y + x * dy; the primal product itself is not needed for it.
;
; CHECK-LABEL: define double @tangent(double %x, double %dx, double %y, double %dy)
; CHECK-NOT: fmul double %x, %y
; CHECK-DAG: [[LEFT:%.*]] = fmul double %dx, %y
; CHECK-DAG: [[RIGHT:%.*]] = fmul double %x, %dy
; CHECK-NOT: fmul double %x, %y
; CHECK: [[SUM:%.*]] = fadd double [[LEFT]], [[RIGHT]]
; CHECK-NEXT: ret double [[SUM]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @tangent(double %x, double %dx, double %y, double %dy) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @product, double %x, double %dx, double %y, double %dy) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @product(double %x, double %y) mustprogress nofree norecurse nosync nounwind willreturn memory(none) {
entry:
  %mul = fmul double %x, %y
  ret double %mul
}
