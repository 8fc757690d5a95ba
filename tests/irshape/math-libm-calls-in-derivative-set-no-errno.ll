; RUN: enzyme-ad %s -O2 -o %t.ll
;
; The libm calls of a derivative are marked memory(none) (as with -fno-math-errno), although the
; declarations may write errno: LLVM can then reuse, move and merge them.
;
; CHECK-LABEL: define {{.*}} @gradient(
; CHECK-DAG: call double @exp(double %x) #[[PURE:[0-9]+]]
; CHECK-DAG: call double @log(double %x) #[[PURE]]
; CHECK-DAG: call double @sin(double %y) #[[PURE]]
; CHECK: {{^}}}
; CHECK: attributes #[[PURE]] = { {{.*}}memory(none)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define { double, double } @gradient(double %x, double %y) local_unnamed_addr nounwind {
entry:
  %call = tail call { double, double } (ptr, ...) @__enzyme_autodiff(ptr nonnull @f, double %x, double %y) nounwind
  ret { double, double } %call
}

declare { double, double } @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @f(double %x, double %y) mustprogress nofree norecurse nounwind willreturn memory(errnomem: write) {
entry:
  %call = tail call double @exp(double %x) nounwind
  %call1 = tail call double @log(double %x) nounwind
  %call2 = tail call double @sin(double %y) nounwind
  %mul3 = fmul double %call1, %call2
  %0 = tail call double @llvm.fmuladd.f64(double %call, double %y, double %mul3)
  ret double %0
}

declare double @exp(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @log(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
