; RUN: enzyme-ad %s -O0 -o %t.o0.ll | FileCheck --check-prefix=ENGINE
; RUN: enzyme-ad %s -O1 -o %t.o1.ll
;
; w is passed enzyme_const: the derivative takes no shadow for it (x, x's shadow, w, n), and the
; gradient reads w but never writes through it or anything derived from it.
;
; ENGINE-LABEL: define void @gradient(
; ENGINE: call void @[[DERIVATIVE:[^(]+]](ptr %x, ptr %dx, ptr %w, i32 %n)
; ENGINE: define internal void @[[DERIVATIVE]](ptr {{[^,]*}}%x, ptr {{[^,]*}}, ptr {{[^,]*}}%w, i32 %n)
;
; CHECK-LABEL: define void @gradient(
; CHECK: [[WEIGHT_ADDRESS:%.*]] = getelementptr {{.*}}ptr %w,
; CHECK: load double, ptr [[WEIGHT_ADDRESS]]
; CHECK-NOT: store {{.*}}ptr [[WEIGHT_ADDRESS]]
; CHECK: [[SHADOW_ADDRESS:%.*]] = getelementptr {{.*}}ptr %dx,
; CHECK: store double {{%.*}}, ptr [[SHADOW_ADDRESS]]
; CHECK-NOT: store {{.*}}ptr [[WEIGHT_ADDRESS]]
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, ptr %w, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @weighted, i32 %0, ptr %x, ptr %dx, i32 %1, ptr %w, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @weighted(ptr readonly captures(none) %x, ptr readonly captures(none) %w, i32 %n) nofree norecurse nosync nounwind memory(argmem: read) {
entry:
  %cmp12 = icmp sgt i32 %n, 0
  br i1 %cmp12, label %for.body.preheader, label %for.cond.cleanup

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond.cleanup:
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %2, %for.body ]
  ret double %s.0.lcssa

for.body:
  %indvars.iv = phi i64 [ 0, %for.body.preheader ], [ %indvars.iv.next, %for.body ]
  %s.013 = phi double [ 0.000000e+00, %for.body.preheader ], [ %2, %for.body ]
  %arrayidx = getelementptr inbounds nuw double, ptr %w, i64 %indvars.iv
  %0 = load double, ptr %arrayidx, align 8
  %arrayidx2 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %1 = load double, ptr %arrayidx2, align 8
  %mul = fmul double %0, %1
  %2 = tail call double @llvm.fmuladd.f64(double %mul, double %1, double %s.013)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
