; RUN: enzyme-ad %s -O1 -o %t.ll
; RUN: enzyme-ad %s -O1 -o %t.ll | FileCheck --check-prefix=COUNT
;
; out = x / y: the adjoint divides the seed by y once; x gets s/y and y gets -(s/y) * (x/y),
; reusing the primal quotient, so the gradient has the primal division and exactly one more
; (the COUNT prefix counts them).
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[X:%.*]] = load double, ptr %in
; CHECK: [[Y:%.*]] = load double, ptr
; CHECK: [[QUOTIENT:%.*]] = fdiv double [[X]], [[Y]]
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK-NOT: fdiv
; CHECK: [[SCALED:%.*]] = fdiv double [[SEED]], [[Y]]
; CHECK-NOT: fdiv
; CHECK-DAG: [[DY:%.*]] = fmul reassoc nsz contract double {{.*}}[[SCALED]], [[QUOTIENT]]
; CHECK-DAG: fsub reassoc nsz contract double {{%.*}}, [[DY]]
; CHECK-DAG: [[SUM_X:%.*]] = fadd reassoc nsz contract double {{.*}}[[SCALED]]{{(,|$)}}
; CHECK-DAG: store double [[SUM_X]], ptr %din
; CHECK: ret void
;
; COUNT-LABEL: define {{.*}}void @gradient(
; COUNT-NOT: fdiv
; COUNT-COUNT-2: fdiv double
; COUNT-NOT: fdiv
; COUNT: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @apply, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @apply(ptr writeonly captures(none) initializes((0, 8)) %out, ptr readonly captures(none) %in) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %in, align 8
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %in, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %div = fdiv double %0, %1
  store double %div, ptr %out, align 8
  ret void
}
