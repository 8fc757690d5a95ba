; RUN: enzyme-ad %s -O1 -o %t.ll
;
; out = in[0] * in[1]: each factor's adjoint is the other factor times the seed read from out's
; shadow, added into that factor's shadow.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[A:%.*]] = load double, ptr %in
; CHECK: [[B:%.*]] = load double, ptr [[B_ADDRESS:%[^,]+]],
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK-DAG: [[DA:%.*]] = fmul double [[B]], [[SEED]]
; CHECK-DAG: [[DB:%.*]] = fmul double [[A]], [[SEED]]
; CHECK-DAG: [[SUM_A:%.*]] = fadd reassoc nsz contract double {{.*}}[[DA]]{{(,|$)}}
; CHECK-DAG: store double [[SUM_A]], ptr %din
; CHECK-DAG: [[SUM_B:%.*]] = fadd reassoc nsz contract double {{.*}}[[DB]]{{(,|$)}}
; CHECK-DAG: store double [[SUM_B]], ptr [[DB_ADDRESS:%[^,]+]],
; CHECK: ret void

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
  %mul = fmul double %0, %1
  store double %mul, ptr %out, align 8
  ret void
}
