; RUN: enzyme-ad %s -O1 -o %t.ll
;
; Math intrinsics in forward mode (clang -fno-math-errno emits llvm.sqrt/fabs/exp/pow/fma):
; sqrt' = 0.5 / sqrt and exp' = exp reuse the primal call, |x|' = copysign(1, x), and
; fma(x, y, x)' = dx y + x dy + dx. sqrt and exp are each called once.
;
; CHECK-LABEL: define double @tangent(double %x, double %dx, double %y, double %dy)
; CHECK-NOT: @llvm.sqrt
; CHECK: [[ROOT:%.*]] = {{.*}}call double @llvm.sqrt.f64(double %x)
; CHECK-NOT: @llvm.sqrt
; CHECK: fdiv double 5.000000e-01, [[ROOT]]
; CHECK: call double @llvm.copysign.f64(double 1.000000e+00, double %x)
; CHECK-NOT: @llvm.exp.
; CHECK: [[EXP:%.*]] = {{.*}}call double @llvm.exp.f64(double %y)
; CHECK-NOT: @llvm.exp.
; CHECK: fmul double [[EXP]], %dy
; CHECK-DAG: [[FMA_LEFT:%.*]] = fmul double %dx, %y
; CHECK-DAG: [[FMA_RIGHT:%.*]] = fmul double %x, %dy
; CHECK: [[FMA_PRODUCT:%.*]] = fadd double [[FMA_LEFT]], [[FMA_RIGHT]]
; CHECK: fadd double %dx, [[FMA_PRODUCT]]
; CHECK-NOT: @llvm.{{sqrt|exp}}.
; CHECK: ret double

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @tangent(double %x, double %dx, double %y, double %dy) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @f, double %x, double %dx, double %y, double %dy) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @f(double %x, double %y) mustprogress nofree norecurse nosync nounwind willreturn memory(none) {
entry:
  %0 = tail call double @llvm.sqrt.f64(double %x)
  %1 = tail call double @llvm.fabs.f64(double %x)
  %2 = tail call double @llvm.exp.f64(double %y)
  %mul = fmul double %1, %2
  %add = fadd double %0, %mul
  %3 = tail call double @llvm.pow.f64(double %x, double %y)
  %add1 = fadd double %3, %add
  %4 = tail call double @llvm.fma.f64(double %x, double %y, double %x)
  %add2 = fadd double %4, %add1
  ret double %add2
}

declare double @llvm.sqrt.f64(double) mustprogress nofree nosync nounwind willreturn memory(none)

declare double @llvm.fabs.f64(double) mustprogress nofree nosync nounwind willreturn memory(none)

declare double @llvm.exp.f64(double) mustprogress nofree nosync nounwind willreturn memory(none)

declare double @llvm.pow.f64(double, double) mustprogress nofree nosync nounwind willreturn memory(none)

declare double @llvm.fma.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
