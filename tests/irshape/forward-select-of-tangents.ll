; RUN: enzyme-ad %s -O1 -o %t.ll
;
; x > y ? 3x : y*y is a select: its tangent is a select, on the same condition, of the operands'
; tangents (3 dx and 2 y dy); no branch is introduced.
;
; CHECK-LABEL: define double @tangent(double %x, double %dx, double %y, double %dy)
; CHECK: [[COND:%.*]] = fcmp ogt double %x, %y
; CHECK-NOT: br
; CHECK-DAG: [[THEN:%.*]] = fmul double %dx, 3.000000e+00
; CHECK-DAG: [[Y_DY:%.*]] = fmul double %y, %dy
; CHECK-DAG: [[ELSE:%.*]] = fadd double [[Y_DY]], [[Y_DY]]
; CHECK: [[TANGENT:%.*]] = select i1 [[COND]], double [[THEN]], double [[ELSE]]
; CHECK-NEXT: ret double [[TANGENT]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @tangent(double %x, double %dx, double %y, double %dy) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @pick, double %x, double %dx, double %y, double %dy) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @pick(double %x, double %y) mustprogress nofree norecurse nosync nounwind willreturn memory(none) {
entry:
  %cmp = fcmp ogt double %x, %y
  %mul = fmul double %x, 3.000000e+00
  %mul1 = fmul double %y, %y
  %cond = select i1 %cmp, double %mul, double %mul1
  ret double %cond
}
