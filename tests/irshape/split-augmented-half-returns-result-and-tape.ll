; RUN: enzyme-ad %s -O0 -o %t.ll
;
; __enzyme_augmentfwd on a function returning double: the augmented half allocates the tape on
; the heap and returns {result, tape}; the call site hands the caller its own struct
; {tape, value}. The reverse half (__enzyme_reverse) takes that tape last, noalias, and frees it.
;
; CHECK-LABEL: define { ptr, double } @forward(
; CHECK: [[PAIR:%.*]] = call { double, ptr } @[[AUGMENTED:[^(]+]](ptr %x, ptr %dx, double %a, i32 %n)
; CHECK-DAG: [[TAPE:%.*]] = extractvalue { double, ptr } [[PAIR]], 1
; CHECK-DAG: [[VALUE:%.*]] = extractvalue { double, ptr } [[PAIR]], 0
; CHECK: [[PARTIAL:%.*]] = insertvalue { ptr, double } poison, ptr [[TAPE]], 0
; CHECK: [[RESULT:%.*]] = insertvalue { ptr, double } [[PARTIAL]], double [[VALUE]], 1
; CHECK: ret { ptr, double } [[RESULT]]
;
; CHECK-LABEL: define double @backward(
; CHECK: call double @[[REVERSE:[^(]+]](ptr %x, ptr %dx, double %a, i32 %n, double %seed, ptr %tape)
;
; CHECK: define internal { double, ptr } @[[AUGMENTED]](
; CHECK: [[BLOCK:%.*]] = call ptr @malloc(
; CHECK: [[WITH_TAPE:%.*]] = insertvalue { double, ptr } {{.*}}, ptr [[BLOCK]], 1
; CHECK: ret { double, ptr } [[WITH_TAPE]]
;
; CHECK: define internal double @[[REVERSE]](ptr {{.*}}, ptr {{.*}}, double {{.*}}, i32 {{.*}}, double {{.*}}, ptr noalias [[TAPE_ARGUMENT:%[^ )]+]])
; CHECK: call void @free(ptr [[TAPE_ARGUMENT]])
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_out = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define { ptr, double } @forward(ptr %x, ptr %dx, double %a, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_out, align 4
  %2 = load i32, ptr @enzyme_const, align 4
  %call = tail call { ptr, double } (ptr, ...) @__enzyme_augmentfwd(ptr nonnull @g, i32 %0, ptr %x, ptr %dx, i32 %1, double %a, i32 %2, i32 %n) nounwind
  ret { ptr, double } %call
}

declare { ptr, double } @__enzyme_augmentfwd(ptr, ...) local_unnamed_addr

define internal double @g(ptr readonly captures(none) %x, double %a, i32 %n) nofree norecurse nosync nounwind memory(argmem: read) {
entry:
  %cmp9 = icmp sgt i32 %n, 0
  br i1 %cmp9, label %for.body.preheader, label %for.cond.cleanup

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond.cleanup:
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %1, %for.body ]
  ret double %s.0.lcssa

for.body:
  %indvars.iv = phi i64 [ 0, %for.body.preheader ], [ %indvars.iv.next, %for.body ]
  %s.010 = phi double [ 0.000000e+00, %for.body.preheader ], [ %1, %for.body ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %0 = load double, ptr %arrayidx, align 8
  %mul = fmul double %a, %0
  %1 = tail call double @llvm.fmuladd.f64(double %mul, double %0, double %s.010)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}

define double @backward(ptr %x, ptr %dx, double %a, i32 %n, double %seed, ptr %tape) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_out, align 4
  %2 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_reverse(ptr nonnull @g, i32 %0, ptr %x, ptr %dx, i32 %1, double %a, i32 %2, i32 %n, double %seed, ptr %tape) nounwind
  ret double %call
}

declare double @__enzyme_reverse(ptr, ...) local_unnamed_addr

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
