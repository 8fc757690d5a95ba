; RUN: enzyme-ad %s -O2 -o %t.ll
;
; power(x, n) = x * power(x, n - 1): a recursive function cannot be inlined into its gradient, so
; its call is split: the augmented half calls itself and returns {result, tape}, the reverse half
; calls itself with the tape the inner augmented call left in the outer tape, and frees each tape.
;
; CHECK-LABEL: define {{.*}}double @gradient(
; CHECK: [[PAIR:%.*]] = {{.*}}call {{.*}}{ double, ptr } @[[AUGMENTED:[^(]+]](double %x, i32 [[M:%.*]])
; CHECK: [[TAPE:%.*]] = extractvalue { double, ptr } [[PAIR]], 1
; CHECK: call {{.*}}double @[[REVERSE:[^(]+]](double %x, i32 [[M]], double {{.*}}, ptr {{.*}}[[TAPE]])
; CHECK: {{^}}}
;
; CHECK: define internal {{.*}}{ double, ptr } @[[AUGMENTED]](
; CHECK: call {{.*}}ptr @malloc(
; CHECK: call {{.*}}{ double, ptr } @[[AUGMENTED]](
; CHECK: {{^}}}
; CHECK: define internal {{.*}}double @[[REVERSE]](double {{.*}}, i32 {{.*}}, double {{.*}}, ptr noalias {{.*}}[[OWN_TAPE:%[0-9a-z.]+]])
; CHECK-DAG: call void @free(ptr {{.*}}[[OWN_TAPE]])
; CHECK-DAG: [[INNER_TAPE:%.*]] = load ptr, ptr
; CHECK-DAG: call {{.*}}double @[[REVERSE]](double {{.*}}, ptr [[INNER_TAPE]])
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_const = external local_unnamed_addr global i32, align 4

define double @gradient(double %x, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_autodiff(ptr nonnull @power, double %x, i32 %0, i32 %n) nounwind
  ret double %call
}

declare double @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @power(double %x, i32 %n) nofree nosync nounwind memory(none) {
entry:
  %cmp = icmp eq i32 %n, 0
  br i1 %cmp, label %common.ret, label %cond.false

common.ret:
  %common.ret.op = phi double [ %mul, %cond.false ], [ 1.000000e+00, %entry ]
  ret double %common.ret.op

cond.false:
  %sub = add nsw i32 %n, -1
  %call = tail call double @power(double %x, i32 %sub)
  %mul = fmul double %x, %call
  br label %common.ret
}
