; RUN: enzyme-ad %s -O1 -o %t.ll
;
; y = n > 0 ? x*x : sin(x) (a phi after a branch), result y * x: the reverse sweep sends y's
; adjoint back along the edge the forward sweep took, telling it by the same condition rather
; than by a recorded predecessor: 2x on one side, cos(x) on the other.
;
; CHECK-LABEL: define {{.*}}double @gradient(
; CHECK: [[COND:%.*]] = icmp sgt i32 %n, 0
; CHECK: br i1 [[COND]],
; CHECK: [[Y:%.*]] = phi double
; CHECK-NOT: alloca
; CHECK: br i1 [[COND]],
; CHECK-DAG: call double @llvm.cos.f64(double %x)
; CHECK-DAG: fmul reassoc nsz contract double {{%.*}}, 2.000000e+00
; CHECK: fadd reassoc nsz contract double {{.*}}[[Y]]{{(,|$)}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_const = external local_unnamed_addr global i32, align 4

define double @gradient(double %x, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_autodiff(ptr nonnull @branchy, double %x, i32 %0, i32 %n) nounwind
  ret double %call
}

declare double @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @branchy(double %x, i32 %n) mustprogress nofree norecurse nounwind willreturn memory(errnomem: write) {
entry:
  %cmp = icmp sgt i32 %n, 0
  br i1 %cmp, label %if.then, label %if.else

if.then:
  %mul = fmul double %x, %x
  br label %if.end

if.else:
  %call = tail call double @sin(double %x) nounwind
  br label %if.end

if.end:
  %y.0 = phi double [ %mul, %if.then ], [ %call, %if.else ]
  %mul1 = fmul double %x, %y.0
  ret double %mul1
}

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)
