; RUN: enzyme-ad %s -O2 -o %t.ll
;
; A loop walking a pointer from begin to end: the reverse sweep recomputes the pointer from the
; iteration number, and its shadow is the shadow argument at the same offset, so nothing is cached.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK-NOT: call {{.*}}@{{__enzyme_sdk_cache_grow|malloc|realloc|calloc}}(
; CHECK-DAG: getelementptr {{.*}}ptr %x, i64 [[OFFSET:%[^ ]+]]
; CHECK-DAG: getelementptr {{.*}}ptr %dx, i64 [[OFFSET]]
; CHECK-NOT: call {{.*}}@{{__enzyme_sdk_cache_grow|malloc|realloc|calloc}}(
; CHECK: {{^}}}
; CHECK-NOT: __enzyme_sdk_cache

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %mul = shl nsw i32 %n, 1
  %idx.ext = sext i32 %mul to i64
  %add.ptr = getelementptr inbounds double, ptr %x, i64 %idx.ext
  %add.ptr3 = getelementptr inbounds double, ptr %dx, i64 %idx.ext
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @walk, i32 %0, ptr %x, ptr %dx, i32 %0, ptr %add.ptr, ptr %add.ptr3) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @walk(ptr readonly captures(address) %begin, ptr readnone captures(address) %end) nofree norecurse nosync nounwind memory(argmem: read) {
entry:
  %cmp.not6 = icmp eq ptr %begin, %end
  br i1 %cmp.not6, label %for.cond.cleanup, label %for.body

for.cond.cleanup:
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %2, %for.body ]
  ret double %s.0.lcssa

for.body:
  %p.08 = phi ptr [ %add.ptr, %for.body ], [ %begin, %entry ]
  %s.07 = phi double [ %2, %for.body ], [ 0.000000e+00, %entry ]
  %0 = load double, ptr %p.08, align 8
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %p.08, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %2 = tail call double @llvm.fmuladd.f64(double %0, double %1, double %s.07)
  %add.ptr = getelementptr inbounds nuw i8, ptr %p.08, i64 16
  %cmp.not = icmp eq ptr %add.ptr, %end
  br i1 %cmp.not, label %for.cond.cleanup, label %for.body
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
