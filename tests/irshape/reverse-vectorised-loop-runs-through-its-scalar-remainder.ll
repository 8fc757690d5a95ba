; RUN: enzyme-ad %s -O0 -o %t.ll
;
; Plain `clang -O2` input: LoopVectorize turned square's loop into a <2 x double> loop (two
; vectors per iteration) plus a scalar remainder that LoopUnroll unrolled at run time (a prologue
; loop and a loop of four). The engine sends every iteration through the scalar loops and drops
; the vector loop from the clone before differentiating, so the gradient caches no vectors and
; differentiates no shuffles; the requested -O pipeline (here -O0: none) vectorises afterwards.
; With --no-preopt the gradient holds 68 vector values.
;
; CHECK-LABEL: define internal void @diffesquare(
; CHECK-NOT: x double>
; CHECK: {{^}}}
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

; Function Attrs: nofree norecurse nosync nounwind memory(argmem: readwrite) uwtable
define dso_local void @square(ptr noundef readonly captures(none) %x, ptr noundef writeonly captures(none) %y, i32 noundef %n) #0 {
entry:
  %cmp10 = icmp sgt i32 %n, 0
  br i1 %cmp10, label %for.body.preheader, label %for.cond.cleanup

for.body.preheader:                               ; preds = %entry
  %y13 = ptrtoint ptr %y to i64
  %x14 = ptrtoint ptr %x to i64
  %wide.trip.count = zext nneg i32 %n to i64
  %min.iters.check = icmp ult i32 %n, 4
  %0 = sub i64 %y13, %x14
  %diff.check = icmp ult i64 %0, 32
  %or.cond = or i1 %min.iters.check, %diff.check
  br i1 %or.cond, label %for.body.preheader16, label %vector.ph

vector.ph:                                        ; preds = %for.body.preheader
  %n.vec = and i64 %wide.trip.count, 2147483644
  br label %vector.body

vector.body:                                      ; preds = %vector.body, %vector.ph
  %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
  %1 = getelementptr inbounds nuw double, ptr %x, i64 %index
  %2 = getelementptr inbounds nuw i8, ptr %1, i64 16
  %wide.load = load <2 x double>, ptr %1, align 8
  %wide.load15 = load <2 x double>, ptr %2, align 8
  %3 = fmul <2 x double> %wide.load, %wide.load
  %4 = fmul <2 x double> %wide.load15, %wide.load15
  %5 = getelementptr inbounds nuw double, ptr %y, i64 %index
  %6 = getelementptr inbounds nuw i8, ptr %5, i64 16
  store <2 x double> %3, ptr %5, align 8
  store <2 x double> %4, ptr %6, align 8
  %index.next = add nuw i64 %index, 4
  %7 = icmp eq i64 %index.next, %n.vec
  br i1 %7, label %middle.block, label %vector.body, !llvm.loop !11

middle.block:                                     ; preds = %vector.body
  %cmp.n = icmp eq i64 %n.vec, %wide.trip.count
  br i1 %cmp.n, label %for.cond.cleanup, label %for.body.preheader16

for.body.preheader16:                             ; preds = %for.body.preheader, %middle.block
  %indvars.iv.ph = phi i64 [ 0, %for.body.preheader ], [ %n.vec, %middle.block ]
  %xtraiter = and i64 %wide.trip.count, 3
  %lcmp.mod.not = icmp eq i64 %xtraiter, 0
  br i1 %lcmp.mod.not, label %for.body.prol.loopexit, label %for.body.prol

for.body.prol:                                    ; preds = %for.body.preheader16, %for.body.prol
  %indvars.iv.prol = phi i64 [ %indvars.iv.next.prol, %for.body.prol ], [ %indvars.iv.ph, %for.body.preheader16 ]
  %prol.iter = phi i64 [ %prol.iter.next, %for.body.prol ], [ 0, %for.body.preheader16 ]
  %arrayidx.prol = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv.prol
  %8 = load double, ptr %arrayidx.prol, align 8
  %mul.prol = fmul double %8, %8
  %arrayidx4.prol = getelementptr inbounds nuw double, ptr %y, i64 %indvars.iv.prol
  store double %mul.prol, ptr %arrayidx4.prol, align 8
  %indvars.iv.next.prol = add nuw nsw i64 %indvars.iv.prol, 1
  %prol.iter.next = add i64 %prol.iter, 1
  %prol.iter.cmp.not = icmp eq i64 %prol.iter.next, %xtraiter
  br i1 %prol.iter.cmp.not, label %for.body.prol.loopexit, label %for.body.prol, !llvm.loop !15

for.body.prol.loopexit:                           ; preds = %for.body.prol, %for.body.preheader16
  %indvars.iv.unr = phi i64 [ %indvars.iv.ph, %for.body.preheader16 ], [ %indvars.iv.next.prol, %for.body.prol ]
  %9 = sub nsw i64 %indvars.iv.ph, %wide.trip.count
  %10 = icmp ugt i64 %9, -4
  br i1 %10, label %for.cond.cleanup, label %for.body

for.cond.cleanup:                                 ; preds = %for.body.prol.loopexit, %for.body, %middle.block, %entry
  ret void

for.body:                                         ; preds = %for.body.prol.loopexit, %for.body
  %indvars.iv = phi i64 [ %indvars.iv.next.3, %for.body ], [ %indvars.iv.unr, %for.body.prol.loopexit ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %11 = load double, ptr %arrayidx, align 8
  %mul = fmul double %11, %11
  %arrayidx4 = getelementptr inbounds nuw double, ptr %y, i64 %indvars.iv
  store double %mul, ptr %arrayidx4, align 8
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %arrayidx.1 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv.next
  %12 = load double, ptr %arrayidx.1, align 8
  %mul.1 = fmul double %12, %12
  %arrayidx4.1 = getelementptr inbounds nuw double, ptr %y, i64 %indvars.iv.next
  store double %mul.1, ptr %arrayidx4.1, align 8
  %indvars.iv.next.1 = add nuw nsw i64 %indvars.iv, 2
  %arrayidx.2 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv.next.1
  %13 = load double, ptr %arrayidx.2, align 8
  %mul.2 = fmul double %13, %13
  %arrayidx4.2 = getelementptr inbounds nuw double, ptr %y, i64 %indvars.iv.next.1
  store double %mul.2, ptr %arrayidx4.2, align 8
  %indvars.iv.next.2 = add nuw nsw i64 %indvars.iv, 3
  %arrayidx.3 = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv.next.2
  %14 = load double, ptr %arrayidx.3, align 8
  %mul.3 = fmul double %14, %14
  %arrayidx4.3 = getelementptr inbounds nuw double, ptr %y, i64 %indvars.iv.next.2
  store double %mul.3, ptr %arrayidx4.3, align 8
  %indvars.iv.next.3 = add nuw nsw i64 %indvars.iv, 4
  %exitcond.not.3 = icmp eq i64 %indvars.iv.next.3, %wide.trip.count
  br i1 %exitcond.not.3, label %for.cond.cleanup, label %for.body, !llvm.loop !17
}

; Function Attrs: nounwind uwtable
define dso_local void @gradient(ptr noundef %x, ptr noundef %dx, ptr noundef %y, ptr noundef %dy, i32 noundef %n) local_unnamed_addr #1 {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr noundef nonnull @square, i32 noundef %0, ptr noundef %x, ptr noundef %dx, i32 noundef %0, ptr noundef %y, ptr noundef %dy, i32 noundef %1, i32 noundef %n) #3
  ret void
}

declare void @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr #2

attributes #0 = { nofree norecurse nosync nounwind memory(argmem: readwrite) uwtable }
attributes #1 = { nounwind uwtable }
attributes #2 = { "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { nounwind }


!11 = distinct !{!11, !12, !13, !14}
!12 = !{!"llvm.loop.mustprogress"}
!13 = !{!"llvm.loop.isvectorized", i32 1}
!14 = !{!"llvm.loop.unroll.runtime.disable"}
!15 = distinct !{!15, !16}
!16 = !{!"llvm.loop.unroll.disable"}
!17 = distinct !{!17, !12, !13}
