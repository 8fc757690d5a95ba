; RUN: enzyme-ad %s -O0 -o %t.ll
;
; x and y are each used several times, so their adjoints are sums. Every adjoint sum the engine
; emits is `fadd reassoc nsz contract` (the order of the terms is arbitrary, so LLVM may reorder,
; vectorise and fuse them); the primal has no fadd of its own, so no plain fadd may appear.
;
; CHECK-LABEL: define { double, double } @gradient(
; CHECK: call { double, double } @[[DERIVATIVE:[^(]+]](double %x, double %y)
; CHECK: define internal { double, double } @[[DERIVATIVE]](double %x, double %y)
; CHECK-NOT: {{fadd (double|<)}}
; CHECK-COUNT-4: fadd reassoc nsz contract double
; CHECK-NOT: {{fadd (double|<)}}
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define { double, double } @gradient(double %x, double %y) local_unnamed_addr nounwind {
entry:
  %call = tail call { double, double } (ptr, ...) @__enzyme_autodiff2(ptr nonnull @f, double %x, double %y) nounwind
  ret { double, double } %call
}

declare { double, double } @__enzyme_autodiff2(ptr, ...) local_unnamed_addr

define internal double @f(double %x, double %y) mustprogress nofree norecurse nounwind willreturn memory(errnomem: write) {
entry:
  %mul = fmul double %x, %y
  %mul1 = fmul double %x, %mul
  %call = tail call double @sin(double %y) nounwind
  %mul2 = fmul double %mul1, %call
  %call4 = tail call double @exp(double %mul) nounwind
  %mul5 = fmul double %mul2, %call4
  ret double %mul5
}

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @exp(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)
