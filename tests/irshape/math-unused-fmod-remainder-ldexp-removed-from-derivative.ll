; RUN: enzyme-ad %s -O2 -o %t.ll
;
; fmod, remainder and ldexp write only errno, like sin: in a derivative they are memory(none), so
; the primal calls whose values the gradient does not use (their derivatives are 1, 1 and 2^3)
; are removed after -O2 instead of being kept for their errno side effect.
;
; CHECK-LABEL: define {{.*}} @gradient(
; CHECK-NOT: call double @fmod
; CHECK-NOT: call double @remainder
; CHECK-NOT: call double @ldexp
; CHECK: ret double
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @gradient(double %x) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_autodiff(ptr nonnull @f, double %x) nounwind
  ret double %call
}

declare double @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @f(double %x) nounwind memory(errnomem: write) {
entry:
  %a = tail call double @fmod(double %x, double 3.0) nounwind
  %b = tail call double @remainder(double %x, double 2.0) nounwind
  %c = tail call double @ldexp(double %x, i32 3) nounwind
  %s1 = fadd double %a, %b
  %s2 = fadd double %s1, %c
  ret double %s2
}

declare double @fmod(double, double) local_unnamed_addr nounwind willreturn memory(errnomem: write)

declare double @remainder(double, double) local_unnamed_addr nounwind willreturn memory(errnomem: write)

declare double @ldexp(double, i32) local_unnamed_addr nounwind willreturn memory(errnomem: write)
