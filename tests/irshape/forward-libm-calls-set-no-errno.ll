; RUN: enzyme-ad %s -O2 -o %t.ll
;
; The libm calls of a tangent function are marked memory(none) like those of a gradient: the
; value of sin(x) is not needed for the tangent of exp(x) log(x) + sin(x), and since the call
; sets no errno, -O2 removes it; exp and log stay, once each, for the product rule.
;
; CHECK-LABEL: define double @tangent(double %x, double %dx)
; CHECK-NOT: @sin(
; CHECK-DAG: call double @exp(double %x) #[[PURE:[0-9]+]]
; CHECK-DAG: call double @log(double %x) #[[PURE]]
; CHECK-DAG: call double @llvm.cos.f64(double %x)
; CHECK-NOT: @sin(
; CHECK: {{^}}}
; CHECK: attributes #[[PURE]] = { {{.*}}memory(none)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @tangent(double %x, double %dx) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @f, double %x, double %dx) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @f(double %x) mustprogress nofree norecurse nounwind willreturn memory(errnomem: write) {
entry:
  %call = tail call double @exp(double %x) nounwind
  %call1 = tail call double @log(double %x) nounwind
  %call2 = tail call double @sin(double %x) nounwind
  %0 = tail call double @llvm.fmuladd.f64(double %call, double %call1, double %call2)
  ret double %0
}

declare double @exp(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @log(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
