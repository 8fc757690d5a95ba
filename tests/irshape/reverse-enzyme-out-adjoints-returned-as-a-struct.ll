; RUN: enzyme-ad %s -O1 -o %t.ll
;
; mix(x, a, b, c) = x[0] a + a b c with a and b enzyme_out, c enzyme_const, x enzyme_dup: the
; gradient returns {d/da, d/db} = {x[0] + b c, a c} in the order of the enzyme_out arguments,
; and adds d/dx[0] = a into x's shadow.
;
; CHECK-LABEL: define { double, double } @gradient(ptr {{.*}}%x, ptr {{.*}}%dx, double %a, double %b, double %c)
; CHECK-DAG: [[X0:%.*]] = load double, ptr %x
; CHECK-DAG: [[BC:%.*]] = fmul double %b, %c
; CHECK-DAG: [[DA:%.*]] = fadd reassoc nsz contract double [[X0]], [[BC]]
; CHECK-DAG: [[DB:%.*]] = fmul double %a, %c
; CHECK-DAG: [[DX:%.*]] = fadd reassoc nsz contract double {{%.*}}, %a
; CHECK-DAG: store double [[DX]], ptr %dx
; CHECK: [[PARTIAL:%.*]] = insertvalue { double, double } poison, double [[DA]], 0
; CHECK: [[BOTH:%.*]] = insertvalue { double, double } [[PARTIAL]], double [[DB]], 1
; CHECK: ret { double, double } [[BOTH]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_out = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define { double, double } @gradient(ptr %x, ptr %dx, double %a, double %b, double %c) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_out, align 4
  %2 = load i32, ptr @enzyme_const, align 4
  %call = tail call { double, double } (ptr, ...) @__enzyme_autodiff(ptr nonnull @mix, i32 %0, ptr %x, ptr %dx, i32 %1, double %a, i32 %1, double %b, i32 %2, double %c) nounwind
  ret { double, double } %call
}

declare { double, double } @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @mix(ptr readonly captures(none) %x, double %a, double %b, double %c) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: read) {
entry:
  %0 = load double, ptr %x, align 8
  %mul1 = fmul double %a, %b
  %mul2 = fmul double %mul1, %c
  %1 = tail call double @llvm.fmuladd.f64(double %0, double %a, double %mul2)
  ret double %1
}

declare double @llvm.fmuladd.f64(double, double, double) mustprogress nofree nosync nounwind willreturn memory(none)
