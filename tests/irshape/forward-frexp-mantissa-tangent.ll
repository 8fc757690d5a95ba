; RUN: enzyme-ad %s -O1 -o %t.ll
;
; m = frexp(x, &e): the exponent is an integer (no tangent) and the mantissa's tangent is
; dx * 2^-e, formed with ldexp from the exponent frexp stored, not by dividing.
;
; CHECK-LABEL: define double @tangent(double %x, double %dx)
; CHECK: [[MANTISSA:%.*]] = {{.*}}call double @frexp(double %x, ptr {{.*}}[[EXPONENT_SLOT:%[^)]+]])
; CHECK: [[EXPONENT:%.*]] = load i32, ptr [[EXPONENT_SLOT]]
; CHECK: [[NEGATED:%.*]] = sub i32 0, [[EXPONENT]]
; CHECK: [[SCALE:%.*]] = {{.*}}call double @llvm.ldexp.f64.i32(double 1.000000e+00, i32 [[NEGATED]])
; CHECK: fmul double %dx, [[SCALE]]
; CHECK-NOT: fdiv
; CHECK: ret double

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @tangent(double %x, double %dx) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @mantissa_times, double %x, double %dx) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @mantissa_times(double %x) mustprogress nofree norecurse nosync nounwind willreturn memory(none) {
entry:
  %e = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr nonnull %e) nounwind
  %call = call double @frexp(double %x, ptr nonnull %e) nounwind
  %0 = load i32, ptr %e, align 4
  %conv = sitofp i32 %0 to double
  %1 = tail call double @llvm.fmuladd.f64(double %call, double %x, double %conv)
  call void @llvm.lifetime.end.p0(ptr nonnull %e) nounwind
  ret double %1
}

declare void @llvm.lifetime.start.p0(ptr captures(none)) mustprogress nofree nosync nounwind willreturn memory(argmem: readwrite)

declare double @frexp(double, ptr captures(none)) local_unnamed_addr mustprogress nofree nounwind willreturn memory(argmem: write)

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)

declare void @llvm.lifetime.end.p0(ptr captures(none)) mustprogress nofree nosync nounwind willreturn memory(argmem: readwrite)
