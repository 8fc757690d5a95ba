; RUN: enzyme-ad %s -O1 -o %t.ll
; RUN: enzyme-ad %s -O1 -o %t.ll | FileCheck --check-prefix=COUNT
;
; Forward mode with enzyme_width 2 on x / y: both lanes' tangents are (dx_k - q dy_k) / y for the
; primal quotient q, and the division by y is done once for the quotient's derivative (as a
; reciprocal shared by the lanes), not once per lane: the primal division and one more
; (the COUNT prefix counts them).
;
; CHECK-LABEL: define { double, double } @tangents(
; CHECK-NOT: fdiv
; CHECK: [[QUOTIENT:%.*]] = fdiv double %x, %y
; CHECK-NOT: fdiv
; CHECK: [[RECIPROCAL:%.*]] = fdiv double 1.000000e+00, %y
; CHECK-NOT: fdiv
; CHECK-DAG: [[Q_DY0:%.*]] = fmul double [[QUOTIENT]], %dy0
; CHECK-DAG: [[NUMERATOR0:%.*]] = fsub double %dx0, [[Q_DY0]]
; CHECK-DAG: [[LANE0:%.*]] = fmul double [[RECIPROCAL]], [[NUMERATOR0]]
; CHECK-DAG: [[Q_DY1:%.*]] = fmul double [[QUOTIENT]], %dy1
; CHECK-DAG: [[NUMERATOR1:%.*]] = fsub double %dx1, [[Q_DY1]]
; CHECK-DAG: [[LANE1:%.*]] = fmul double [[RECIPROCAL]], [[NUMERATOR1]]
; CHECK-NOT: fdiv
; CHECK: [[PARTIAL:%.*]] = insertvalue { double, double } poison, double [[LANE0]], 0
; CHECK: insertvalue { double, double } [[PARTIAL]], double [[LANE1]], 1
;
; COUNT-LABEL: define { double, double } @tangents(
; COUNT-NOT: fdiv
; COUNT-COUNT-2: fdiv double
; COUNT-NOT: fdiv
; COUNT: ret { double, double }

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_width = external local_unnamed_addr global i32, align 4

define { double, double } @tangents(double %x, double %dx0, double %dx1, double %y, double %dy0, double %dy1) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_width, align 4
  %call = tail call { double, double } (ptr, ...) @__enzyme_fwddiff(ptr nonnull @quotient, i32 %0, i32 2, double %x, double %dx0, double %dx1, double %y, double %dy0, double %dy1) nounwind
  ret { double, double } %call
}

declare { double, double } @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @quotient(double %x, double %y) mustprogress nofree norecurse nosync nounwind willreturn memory(none) {
entry:
  %div = fdiv double %x, %y
  ret double %div
}
