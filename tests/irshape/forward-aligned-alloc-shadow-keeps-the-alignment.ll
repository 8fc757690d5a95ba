; RUN: enzyme-ad %s --no-preopt -O0 -o %t.ll
; (--no-preopt: optimised first, the 64-byte block is promoted to registers and there is no allocation left to shadow.)
;
; The shadow of aligned_alloc(64, bytes) in forward mode is allocated the same way (so accesses
; that rely on the alignment are valid on the shadow too), zeroed over the same bytes, and freed
; with the primal block.
;
; CHECK-LABEL: define double @tangent(
; CHECK: call double @[[DERIVATIVE:[^(]+]](ptr %x, ptr %dx)
; CHECK: define internal double @[[DERIVATIVE]](
; CHECK: [[BLOCK:%.*]] = {{.*}}call {{.*}}ptr @aligned_alloc(i64 64, i64 [[BYTES:[0-9]+]])
; CHECK: [[SHADOW:%.*]] = {{.*}}call {{.*}}ptr @aligned_alloc(i64 64, i64 [[BYTES]])
; CHECK: call void @llvm.memset.{{.*}}(ptr {{.*}}[[SHADOW]], i8 0, i64 [[BYTES]], i1 false)
; CHECK-DAG: call void @free(ptr [[BLOCK]])
; CHECK-DAG: call void @free(ptr [[SHADOW]])
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define double @tangent(ptr %x, ptr %dx) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @scratch, i32 %0, ptr %x, ptr %dx) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @scratch(ptr readonly captures(none) %x) nounwind memory(readwrite, argmem: read, target_mem0: none, target_mem1: none) {
entry:
  %call = tail call noalias align 64 dereferenceable_or_null(64) ptr @aligned_alloc(i64 64, i64 64) nounwind allocsize(1)
  br label %for.body

for.cond.cleanup:
  %arrayidx5 = getelementptr inbounds nuw i8, ptr %call, i64 24
  %0 = load double, ptr %arrayidx5, align 8
  %arrayidx6 = getelementptr inbounds nuw i8, ptr %call, i64 40
  %1 = load double, ptr %arrayidx6, align 8
  %mul7 = fmul double %0, %1
  tail call void @free(ptr %call) nounwind
  ret double %mul7

for.body:
  %indvars.iv = phi i64 [ 0, %entry ], [ %indvars.iv.next, %for.body ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %2 = load double, ptr %arrayidx, align 8
  %mul = fmul double %2, %2
  %arrayidx4 = getelementptr inbounds nuw double, ptr %call, i64 %indvars.iv
  store double %mul, ptr %arrayidx4, align 8
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, 8
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}

declare noalias ptr @aligned_alloc(i64 allocalign, i64) local_unnamed_addr mustprogress nofree nounwind willreturn allocsize(1) memory(inaccessiblemem: readwrite)

declare void @free(ptr allocptr captures(none)) local_unnamed_addr mustprogress nounwind willreturn memory(argmem: readwrite, inaccessiblemem: readwrite)
