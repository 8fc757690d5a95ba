; RUN: enzyme-ad %s -O2 -o %t.ll
;
; A triangular nest (the inner trip count is the outer index): the reverse sweep rebuilds each
; inner loop's trip count from the outer counter instead of caching a counter per outer
; iteration, so the gradient grows no cache.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK-NOT: call {{.*}}@{{__enzyme_sdk_cache_grow|malloc|realloc|calloc}}(
; CHECK: fadd reassoc nsz contract {{.*}}double
; CHECK-NOT: call {{.*}}@{{__enzyme_sdk_cache_grow|malloc|realloc|calloc}}(
; CHECK: {{^}}}
; CHECK-NOT: __enzyme_sdk_cache

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @pairs, i32 %0, ptr %x, ptr %dx, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @pairs(ptr readonly captures(none) %x, i32 %n) nofree norecurse nosync nounwind memory(argmem: read) {
entry:
  %cmp20 = icmp sgt i32 %n, 0
  br i1 %cmp20, label %for.cond1.preheader.preheader, label %for.cond.cleanup

for.cond1.preheader.preheader:
  %wide.trip.count28 = zext nneg i32 %n to i64
  br label %for.cond1.preheader

for.cond1.preheader:
  %indvars.iv25 = phi i64 [ 0, %for.cond1.preheader.preheader ], [ %indvars.iv.next26, %for.cond.cleanup3 ]
  %s.021 = phi double [ 0.000000e+00, %for.cond1.preheader.preheader ], [ %s.1.lcssa, %for.cond.cleanup3 ]
  %cmp217.not = icmp eq i64 %indvars.iv25, 0
  br i1 %cmp217.not, label %for.cond.cleanup3, label %for.body4.lr.ph

for.body4.lr.ph:
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv25
  %0 = load double, ptr %arrayidx, align 8
  br label %for.body4

for.cond.cleanup:
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %s.1.lcssa, %for.cond.cleanup3 ]
  ret double %s.0.lcssa

for.cond.cleanup3:
  %s.1.lcssa = phi double [ %s.021, %for.cond1.preheader ], [ %2, %for.body4 ]
  %indvars.iv.next26 = add nuw nsw i64 %indvars.iv25, 1
  %exitcond29.not = icmp eq i64 %indvars.iv.next26, %wide.trip.count28
  br i1 %exitcond29.not, label %for.cond.cleanup, label %for.cond1.preheader

for.body4:
  %indvars.iv = phi i64 [ 0, %for.body4.lr.ph ], [ %indvars.iv.next, %for.body4 ]
  %s.118 = phi double [ %s.021, %for.body4.lr.ph ], [ %2, %for.body4 ]
  %arrayidx6 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %1 = load double, ptr %arrayidx6, align 8
  %2 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %s.118)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %indvars.iv25
  br i1 %exitcond.not, label %for.cond.cleanup3, label %for.body4
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
