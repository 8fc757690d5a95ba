; RUN: enzyme-ad %s -O1 -o %t.ll
;
; The integer histogram (bins is passed enzyme_dup) carries no derivative: its loop runs once,
; forward, and there is no reversed loop, no read or write of the integer shadow dbins, and the
; integer sum that only feeds the result disappears. Only x[0]^2 contributes to dx.
;
; CHECK-LABEL: define void @gradient(ptr {{.*}}%x, ptr {{.*}}%dx, ptr {{.*}}%bins, ptr {{.*}}%dbins, i32 %n)
; CHECK-NOT: %dbins
; CHECK: phi i64
; CHECK: store i32 {{%.*}}, ptr
; CHECK-NOT: phi
; CHECK-NOT: %dbins
; CHECK: store double {{%.*}}, ptr %dx
; CHECK-NEXT: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, ptr %bins, ptr %dbins, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @histogram_energy, i32 %0, ptr %x, ptr %dx, i32 %0, ptr %bins, ptr %dbins, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @histogram_energy(ptr readonly captures(none) %x, ptr captures(none) %bins, i32 %n) nofree norecurse nosync nounwind memory(argmem: readwrite) {
entry:
  %cmp30 = icmp sgt i32 %n, 0
  br i1 %cmp30, label %for.body, label %for.cond2.preheader

for.cond2.preheader:
  %cmp332 = icmp sgt i32 %n, 0
  br i1 %cmp332, label %for.body5.preheader, label %for.cond.cleanup4

for.body5.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body5

for.body:
  %i.031 = phi i32 [ %inc, %for.body ], [ 0, %entry ]
  %mul = mul nuw nsw i32 %i.031, 7
  %rem = urem i32 %mul, %n
  %idxprom = zext nneg i32 %rem to i64
  %arrayidx = getelementptr inbounds nuw i32, ptr %bins, i64 %idxprom
  %0 = load i32, ptr %arrayidx, align 4
  %add = add nsw i32 %0, %i.031
  store i32 %add, ptr %arrayidx, align 4
  %inc = add nuw nsw i32 %i.031, 1
  %exitcond.not = icmp eq i32 %inc, %n
  br i1 %exitcond.not, label %for.cond2.preheader, label %for.body

for.cond.cleanup4.loopexit:
  %1 = uitofp nneg i32 %add11 to double
  br label %for.cond.cleanup4

for.cond.cleanup4:
  %total.0.lcssa = phi double [ 0.000000e+00, %for.cond2.preheader ], [ %1, %for.cond.cleanup4.loopexit ]
  %2 = load double, ptr %x, align 8
  %3 = tail call double @llvm.fmuladd.f64(double %2, double %2, double %total.0.lcssa)
  ret double %3

for.body5:
  %indvars.iv = phi i64 [ 0, %for.body5.preheader ], [ %indvars.iv.next, %for.body5 ]
  %total.033 = phi i32 [ 0, %for.body5.preheader ], [ %add11, %for.body5 ]
  %arrayidx7 = getelementptr inbounds nuw i32, ptr %bins, i64 %indvars.iv
  %4 = load i32, ptr %arrayidx7, align 4
  %mul10 = mul nsw i32 %4, %4
  %add11 = add nuw nsw i32 %mul10, %total.033
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond36.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond36.not, label %for.cond.cleanup4.loopexit, label %for.body5
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
