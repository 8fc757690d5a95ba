; RUN: enzyme-ad %s -O2 -o %t.ll
;
; p = p * x[i] + x[i]: the reverse sweep needs every iteration's p, which cannot be recomputed
; backwards, so the forward sweep stores it in a growable cache that the gradient releases at
; the end.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: call {{.*}}@__enzyme_sdk_cache_grow(
; The value stored per iteration is the product carried into the multiply.
; CHECK: store double [[P:%[^,]+]], ptr
; CHECK: call double @llvm.fmuladd.f64(double [[P]],
; CHECK: call {{.*}}@__enzyme_sdk_cache_release(
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @product, i32 %0, ptr %x, ptr %dx, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @product(ptr readonly captures(none) %x, i32 %n) nofree norecurse nosync nounwind memory(argmem: read) {
entry:
  %cmp8 = icmp sgt i32 %n, 0
  br i1 %cmp8, label %for.body.preheader, label %for.cond.cleanup

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond.cleanup:
  %p.0.lcssa = phi double [ 1.000000e+00, %entry ], [ %1, %for.body ]
  ret double %p.0.lcssa

for.body:
  %indvars.iv = phi i64 [ 0, %for.body.preheader ], [ %indvars.iv.next, %for.body ]
  %p.09 = phi double [ 1.000000e+00, %for.body.preheader ], [ %1, %for.body ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %0 = load double, ptr %arrayidx, align 8
  %1 = tail call double @llvm.fmuladd.f64(double %p.09, double %0, double %0)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
