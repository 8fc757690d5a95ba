; RUN: enzyme-ad %s -O1 -o %t.ll
;
; out = in[0] > in[1] ? 3 in[0] : 5 in[1]: the adjoint of the select sends the seed to the chosen
; operand and zero to the other, selected by the same condition; no branch is needed.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[COND:%.*]] = fcmp ogt double
; CHECK: select i1 [[COND]], double
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK-NOT: br
; CHECK-DAG: [[TO_SECOND:%.*]] = select i1 [[COND]], double 0.000000e+00, double {{%.*}}
; CHECK-DAG: [[TO_FIRST:%.*]] = select i1 [[COND]], double {{%.*}}, double 0.000000e+00
; CHECK-DAG: [[SUM_FIRST:%.*]] = fadd reassoc nsz contract double {{.*}}[[TO_FIRST]]{{(,|$)}}
; CHECK-DAG: store double [[SUM_FIRST]], ptr %din
; CHECK-DAG: fadd reassoc nsz contract double {{.*}}[[TO_SECOND]]{{(,|$)}}
; CHECK-NOT: br
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @pick, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @pick(ptr writeonly captures(none) initializes((0, 8)) %out, ptr readonly captures(none) %in) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %in, align 8
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %in, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %cmp = fcmp ogt double %0, %1
  %mul = fmul double %0, 3.000000e+00
  %mul4 = fmul double %1, 5.000000e+00
  %cond = select i1 %cmp, double %mul, double %mul4
  store double %cond, ptr %out, align 8
  ret void
}
