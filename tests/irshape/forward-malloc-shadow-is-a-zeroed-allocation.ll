; RUN: enzyme-ad %s -O0 -o %t.o0.ll | FileCheck --check-prefix=ENGINE
; RUN: enzyme-ad %s -O1 -o %t.o1.ll
;
; A malloc'd scratch buffer in forward mode gets a shadow allocation of the same size that starts
; zeroed (calloc), receives the tangents of the values stored in the buffer, and is freed where
; the buffer is. After -O1 only the shadow buffer is left, since the tangent never reads the
; primal one.
;
; ENGINE-LABEL: define double @tangent(
; ENGINE: call double @[[DERIVATIVE:[^(]+]](ptr %x, ptr %dx, i32 %n)
; ENGINE: define internal double @[[DERIVATIVE]](
; ENGINE: [[BLOCK:%.*]] = {{.*}}call {{.*}}ptr @malloc(i64 [[BYTES:%.*]])
; ENGINE-NEXT: [[SHADOW:%.*]] = call ptr @calloc(i64 [[BYTES]], i64 1)
; ENGINE-DAG: call void @free(ptr [[BLOCK]])
; ENGINE-DAG: call void @free(ptr [[SHADOW]])
; ENGINE: {{^}}}
;
; CHECK-LABEL: define double @tangent(
; CHECK-NOT: @malloc
; CHECK: [[SHADOW:%.*]] = {{.*}}call ptr @calloc(i64 [[BYTES:%.*]], i64 1)
; CHECK: [[SLOT:%.*]] = getelementptr {{.*}}ptr [[SHADOW]], i64
; CHECK: store double {{%.*}}, ptr [[SLOT]]
; CHECK: call void @free(ptr [[SHADOW]])
; CHECK-NOT: @malloc
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define double @tangent(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @scratch, i32 %0, ptr %x, ptr %dx, i32 %1, i32 %n) nounwind
  ret double %call
}

declare double @__enzyme_fwddiff(ptr, ...) local_unnamed_addr

define internal double @scratch(ptr readonly captures(none) %x, i32 %n) nounwind memory(readwrite, argmem: read, target_mem0: none, target_mem1: none) {
entry:
  %conv = sext i32 %n to i64
  %mul = shl nsw i64 %conv, 3
  %call = tail call noalias ptr @malloc(i64 %mul) nounwind allocsize(0)
  %cmp30 = icmp sgt i32 %n, 0
  br i1 %cmp30, label %for.body.preheader, label %for.cond8.preheader

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond8.preheader:
  %cmp932 = icmp sgt i32 %n, 0
  br i1 %cmp932, label %for.body12.preheader, label %for.cond.cleanup11

for.body12.preheader:
  %wide.trip.count39 = zext nneg i32 %n to i64
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
  %s.0.lcssa = phi double [ 0.000000e+00, %for.cond8.preheader ], [ %add, %for.body12 ]
  tail call void @free(ptr %call) nounwind
  ret double %s.0.lcssa

for.body12:
  %indvars.iv36 = phi i64 [ 0, %for.body12.preheader ], [ %indvars.iv.next37, %for.body12 ]
  %s.033 = phi double [ 0.000000e+00, %for.body12.preheader ], [ %add, %for.body12 ]
  %arrayidx14 = getelementptr inbounds nuw double, ptr %call, i64 %indvars.iv36
  %1 = load double, ptr %arrayidx14, align 8
  %add = fadd double %s.033, %1
  %indvars.iv.next37 = add nuw nsw i64 %indvars.iv36, 1
  %exitcond40.not = icmp eq i64 %indvars.iv.next37, %wide.trip.count39
  br i1 %exitcond40.not, label %for.cond.cleanup11, label %for.body12
}

declare noalias ptr @malloc(i64) local_unnamed_addr mustprogress nofree nounwind willreturn allocsize(0) memory(inaccessiblemem: readwrite)

declare void @free(ptr allocptr captures(none)) local_unnamed_addr mustprogress nounwind willreturn memory(argmem: readwrite, inaccessiblemem: readwrite)
