; RUN: enzyme-ad %s -O1 -o %t.ll
;
; y = n > 0 ? x*x : sin(x) through a branch: each side computes its own tangent (2 x dx, cos(x) dx)
; and a phi over the same edges picks the one of the side taken.
;
; CHECK-LABEL: define double @tangent(double %x, double %dx, i32 %n)
; CHECK: br i1 {{%.*}}, label %[[THEN:[^,]+]], label %[[ELSE:[^ ]+]]
; CHECK: {{^}}[[THEN]]:
; CHECK: [[SQUARE:%.*]] = fadd double [[TWICE:%.*]], [[TWICE]]
; CHECK: {{^}}[[ELSE]]:
; CHECK: [[COS:%.*]] = {{.*}}call double @llvm.cos.f64(double %x)
; CHECK: [[SINE:%.*]] = fmul double [[COS]], %dx
; CHECK: [[TANGENT:%.*]] = phi double [ [[SQUARE]], %[[THEN]] ], [ [[SINE]], %[[ELSE]] ]
; CHECK: ret double [[TANGENT]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_const = external local_unnamed_addr global i32, align 4

define double @tangent(double %x, double %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @branchy, double %x, double %dx, i32 %0, i32 %n) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

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
  ret double %y.0
}

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)
