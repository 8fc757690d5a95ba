; RUN: enzyme-ad %s -O2 -o %t.ll
;
; sqrt(sum_of_squares(x)) with a noinline callee: the gradient calls the callee's augmented half
; (which returns {result, tape}) in its forward sweep, and the reverse half with the adjoint of the
; result and that tape in its reverse sweep. The reverse half takes the tape noalias, which keeps
; its reversed loop vectorisable after differentiation.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[PAIR:%.*]] = {{.*}}call {{.*}}{ double, ptr } @[[AUGMENTED:[^(]+]](ptr {{.*}}%x, i32 %n)
; CHECK-DAG: [[TAPE:%.*]] = extractvalue { double, ptr } [[PAIR]], 1
; CHECK-DAG: [[SUM:%.*]] = extractvalue { double, ptr } [[PAIR]], 0
; CHECK: [[ROOT:%.*]] = {{.*}}call double @{{(llvm\.)?sqrt(\.f64)?}}(double [[SUM]])
; CHECK: [[SEED:%.*]] = fdiv double 5.000000e-01, [[ROOT]]
; CHECK: call {{.*}}void @[[REVERSE:[^(]+]](ptr {{.*}}%dx, double [[SEED]], ptr {{.*}}[[TAPE]])
; CHECK: {{^}}}
;
; CHECK: define internal {{.*}}{ double, ptr } @[[AUGMENTED]](
; CHECK: define internal {{.*}}void @[[REVERSE]](ptr {{.*}}, double {{.*}}, ptr noalias {{.*}})
; CHECK: <2 x double>

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @norm, i32 %0, ptr %x, ptr %dx, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @norm(ptr readonly captures(none) %x, i32 %n) nofree norecurse nounwind memory(argmem: read, errnomem: write) {
entry:
  %call = tail call fastcc double @sum_of_squares(ptr %x, i32 %n)
  %call1 = tail call double @sqrt(double %call) nounwind
  ret double %call1
}

declare double @sqrt(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)

define internal fastcc double @sum_of_squares(ptr readonly captures(none) %x, i32 %n) unnamed_addr nofree noinline norecurse nosync nounwind memory(argmem: read) {
entry:
  %cmp8 = icmp sgt i32 %n, 0
  br i1 %cmp8, label %for.body.preheader, label %for.cond.cleanup

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond.cleanup:
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %1, %for.body ]
  ret double %s.0.lcssa

for.body:
  %indvars.iv = phi i64 [ 0, %for.body.preheader ], [ %indvars.iv.next, %for.body ]
  %s.09 = phi double [ 0.000000e+00, %for.body.preheader ], [ %1, %for.body ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %0 = load double, ptr %arrayidx, align 8
  %1 = tail call double @llvm.fmuladd.f64(double %0, double %0, double %s.09)
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
