; RUN: enzyme-ad %s -O1 -o %t.ll
;
; out = (double)((float)in * (float)in): the adjoint crosses the fpext back as an fptrunc of the
; double seed to float, and the fptrunc back as an fpext of the float partial to double.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[NARROW:%.*]] = fptrunc double {{%.*}} to float
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK-NEXT: store double 0.000000e+00, ptr %dout
; CHECK: [[NARROW_SEED:%.*]] = fptrunc double [[SEED]] to float
; CHECK: fmul {{.*}}float {{.*}}[[NARROW_SEED]]
; CHECK: [[WIDE:%.*]] = fpext float {{%.*}} to double
; CHECK: load double, ptr %din
; CHECK: [[SUM:%.*]] = fadd reassoc nsz contract double {{.*}}[[WIDE]]{{(,|$)}}
; CHECK: store double [[SUM]], ptr %din

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @narrowed, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @narrowed(ptr writeonly captures(none) initializes((0, 8)) %out, ptr readonly captures(none) %in) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %in, align 8
  %conv = fptrunc double %0 to float
  %mul = fmul float %conv, %conv
  %conv1 = fpext float %mul to double
  store double %conv1, ptr %out, align 8
  ret void
}
