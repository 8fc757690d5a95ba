; RUN: enzyme-ad %s -O0 -o %t.ll
;
; A scratch buffer malloc'd and freed inside the differentiated function: the buffer gets a zeroed
; shadow of the same size; the forward sweep no longer frees it (the reverse sweep still reads
; it); the reverse sweep records the free, with the shadow, on the deferred-free list when it
; passes it, and the outermost reverse sweep releases the list when it ends.
;
; CHECK-LABEL: define void @gradient(
; CHECK: call void @[[DERIVATIVE:[^(]+]](ptr %x, ptr %dx, i32 %n)
; CHECK: define internal void @[[DERIVATIVE]](
; CHECK: [[BLOCK:%.*]] = {{.*}}call {{.*}}ptr @malloc(i64 [[BYTES:%.*]])
; CHECK: [[SHADOW:%.*]] = {{.*}}call {{.*}}ptr @calloc(i64 [[BYTES]], i64 1)
; CHECK-NOT: call void @free(
; CHECK: call void @__enzyme_sdk_defer_free(ptr @free, i64 1, ptr [[BLOCK]], ptr [[SHADOW]],
; CHECK-NOT: call void @free(
; CHECK: getelementptr {{.*}}ptr [[BLOCK]],
; CHECK-NOT: call void @free(
; CHECK: call void @__enzyme_sdk_release_deferred_frees()
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @scratch_sum, i32 %0, ptr %x, ptr %dx, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @scratch_sum(ptr readonly captures(none) %x, i32 %n) nounwind memory(readwrite, argmem: read, target_mem0: none, target_mem1: none) {
entry:
  %conv = sext i32 %n to i64
  %mul = shl nsw i64 %conv, 3
  %call = tail call noalias ptr @malloc(i64 %mul) nounwind allocsize(0)
  %cmp35 = icmp sgt i32 %n, 0
  br i1 %cmp35, label %for.body.preheader, label %for.cond8.preheader

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond8.preheader:
  %cmp937 = icmp sgt i32 %n, 0
  br i1 %cmp937, label %for.body12.preheader, label %for.cond.cleanup11

for.body12.preheader:
  %wide.trip.count44 = zext nneg i32 %n to i64
  br label %for.body12

for.body:
  %indvars.iv = phi i64 [ 0, %for.body.preheader ], [ %indvars.iv.next, %for.body ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %0 = load double, ptr %arrayidx, align 8
  %mul4 = fmul double %0, %0
  %arrayidx6 = getelementptr inbounds nuw double, ptr %call, i64 %indvars.iv
  store double %mul4, ptr %arrayidx6, align 8
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond8.preheader, label %for.body

for.cond.cleanup11:
  %s.0.lcssa = phi double [ 0.000000e+00, %for.cond8.preheader ], [ %3, %for.body12 ]
  tail call void @free(ptr %call) nounwind
  ret double %s.0.lcssa

for.body12:
  %indvars.iv41 = phi i64 [ 0, %for.body12.preheader ], [ %indvars.iv.next42, %for.body12 ]
  %s.038 = phi double [ 0.000000e+00, %for.body12.preheader ], [ %3, %for.body12 ]
  %arrayidx14 = getelementptr inbounds nuw double, ptr %call, i64 %indvars.iv41
  %1 = load double, ptr %arrayidx14, align 8
  %arrayidx16 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv41
  %2 = load double, ptr %arrayidx16, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %1, double %2, double %s.038)
  %indvars.iv.next42 = add nuw nsw i64 %indvars.iv41, 1
  %exitcond45.not = icmp eq i64 %indvars.iv.next42, %wide.trip.count44
  br i1 %exitcond45.not, label %for.cond.cleanup11, label %for.body12
}

declare noalias ptr @malloc(i64) local_unnamed_addr mustprogress nofree nounwind willreturn allocsize(0) memory(inaccessiblemem: readwrite)

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)

declare void @free(ptr allocptr captures(none)) local_unnamed_addr mustprogress nounwind willreturn memory(argmem: readwrite, inaccessiblemem: readwrite)
