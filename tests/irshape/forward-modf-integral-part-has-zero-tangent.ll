; RUN: enzyme-ad %s -O1 -o %t.ll
;
; f = modf(x, whole) (clang emits llvm.modf): the integral part written through `whole` has a zero
; tangent, stored into whole's shadow, and the fractional part's tangent is dx, so the tangent of
; f * x is dx * f + x * dx.
;
; CHECK-LABEL: define double @tangent(
; CHECK: [[PARTS:%.*]] = {{.*}}call { double, double } @llvm.modf.f64(double %x)
; CHECK-DAG: [[FRACTION:%.*]] = extractvalue { double, double } [[PARTS]], 0
; CHECK-DAG: [[INTEGRAL:%.*]] = extractvalue { double, double } [[PARTS]], 1
; CHECK-DAG: store double [[INTEGRAL]], ptr %whole
; CHECK-DAG: store double 0.000000e+00, ptr %dwhole
; CHECK-DAG: [[LEFT:%.*]] = fmul double %dx, [[FRACTION]]
; CHECK-DAG: [[RIGHT:%.*]] = fmul double %x, %dx
; CHECK: [[SUM:%.*]] = fadd double {{.*}}
; CHECK-NEXT: ret double [[SUM]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define double @tangent(double %x, double %dx, ptr %whole, ptr %dwhole) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @split, double %x, double %dx, i32 %0, ptr %whole, ptr %dwhole) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @split(double %x, ptr writeonly captures(none) initializes((0, 8)) %whole) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: write) {
entry:
  %0 = tail call { double, double } @llvm.modf.f64(double %x)
  %1 = extractvalue { double, double } %0, 0
  %2 = extractvalue { double, double } %0, 1
  store double %2, ptr %whole, align 8
  %mul = fmul double %x, %1
  ret double %mul
}

declare { double, double } @llvm.modf.f64(double) mustprogress nofree nosync nounwind willreturn memory(none)
