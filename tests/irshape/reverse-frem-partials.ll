; RUN: enzyme-ad %s -O1 -o %t.ll
;
; out = frem(x, y) (the IR instruction; clang emits it for fmod only under fast-math, so the input
; is written by hand): x gets the seed unchanged and y gets -trunc(x / y) * seed.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[X:%.*]] = load double, ptr %in
; CHECK: [[Y:%.*]] = load double, ptr
; CHECK: frem double [[X]], [[Y]]
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK-DAG: [[RATIO:%.*]] = fdiv double [[X]], [[Y]]
; CHECK-DAG: [[WHOLE:%.*]] = {{(tail )?}}call double @llvm.trunc.f64(double [[RATIO]])
; CHECK-DAG: [[DY:%.*]] = fmul reassoc nsz contract double [[WHOLE]], [[SEED]]
; CHECK-DAG: fsub reassoc nsz contract double {{%.*}}, [[DY]]
; CHECK-DAG: [[SUM_X:%.*]] = fadd reassoc nsz contract double {{.*}}[[SEED]]{{(,|$)}}
; CHECK-DAG: store double [[SUM_X]], ptr %din
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @remainder_of, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @remainder_of(ptr writeonly captures(none) initializes((0, 8)) %out, ptr readonly captures(none) %in) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %in, align 8
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %in, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %div = frem double %0, %1
  store double %div, ptr %out, align 8
  ret void
}
