; RUN: enzyme-ad %s -O0 -o %t.ll
;
; exp' = exp, sqrt' = 1/(2 sqrt), tanh' = 1 - tanh^2: the derivative formulas use the primal
; call's result instead of calling the function again, already in the engine's own output (-O0).
;
; CHECK-LABEL: define {{.*}}double @gradient(
; CHECK: call double @[[DERIVATIVE:[^(]+]](double %x)
; CHECK: define internal double @[[DERIVATIVE]](double
; CHECK-NOT: call double @{{exp|sqrt|tanh}}(
; CHECK: [[EXP:%[^ ]+]] = {{.*}}call double @exp(
; CHECK: [[SQRT:%[^ ]+]] = {{.*}}call double @sqrt(double %x)
; CHECK: [[TANH:%[^ ]+]] = {{.*}}call double @tanh(double %x)
; CHECK-NOT: call double @{{exp|sqrt|tanh}}(
; CHECK-DAG: fmul double {{.*}}[[EXP]]{{$}}
; CHECK-DAG: fdiv double {{.*}}, [[SQRT]]{{$}}
; CHECK-DAG: fmul double [[TANH]], [[TANH]]{{$}}
; CHECK-NOT: call double @{{exp|sqrt|tanh}}(
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

define double @gradient(double %x) local_unnamed_addr nounwind {
entry:
  %call = tail call double (ptr, ...) @__enzyme_autodiff(ptr nonnull @f, double %x) nounwind
  ret double %call
}

declare double @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @f(double %x) mustprogress nofree norecurse nounwind willreturn memory(errnomem: write) {
entry:
  %mul = fmul double %x, 2.000000e+00
  %call = tail call double @exp(double %mul) nounwind
  %call1 = tail call double @sqrt(double %x) nounwind
  %call3 = tail call double @tanh(double %x) nounwind
  %0 = tail call double @llvm.fmuladd.f64(double %call, double %call1, double %call3)
  ret double %0
}

declare double @exp(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @sqrt(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @tanh(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
