; RUN: enzyme-ad %s -O2 -o %t.ll | FileCheck --check-prefix=SIN
; RUN: enzyme-ad %s -O2 -o %t.ll | FileCheck --check-prefix=COS
;
; d/dt [sin(t) cos(t) + sin(t)] = cos^2 - sin^2 + cos. The derivative reuses the primal's sin and
; cos, and its libm calls set no errno, so after -O2 the gradient calls sin once and cos once
; (which the x86-64 back end then merges into one sincos). One prefix counts each function.
;
; SIN-LABEL: define {{.*}}double @gradient(
; SIN-NOT: call {{.*}}@{{(llvm\.)?}}sin{{(\.f64)?}}(
; SIN: call {{.*}}@{{(llvm\.)?}}sin{{(\.f64)?}}(double %t)
; SIN-NOT: call {{.*}}@{{(llvm\.)?}}sin{{(\.f64)?}}(
; SIN: {{^}}}
;
; COS-LABEL: define {{.*}}double @gradient(
; COS-NOT: call {{.*}}@{{(llvm\.)?}}cos{{(\.f64)?}}(
; COS: call {{.*}}@{{(llvm\.)?}}cos{{(\.f64)?}}(double %t)
; COS-NOT: call {{.*}}@{{(llvm\.)?}}cos{{(\.f64)?}}(
; COS: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @gradient(double %t) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_autodiff(ptr nonnull @wave, double %t) nounwind
  ret double %call
}

declare double @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @wave(double %t) mustprogress nofree norecurse nounwind willreturn memory(errnomem: write) {
entry:
  %call = tail call double @sin(double %t) nounwind
  %call1 = tail call double @cos(double %t) nounwind
  %call2 = tail call double @sin(double %t) nounwind
  %0 = tail call double @llvm.fmuladd.f64(double %call, double %call1, double %call2)
  ret double %0
}

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @cos(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
