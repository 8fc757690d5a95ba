; RUN: enzyme-ad %s -O1 -o %t.ll
;
; memcpy(out, in, n doubles): the adjoint of the copy adds each element of the destination's
; shadow into the source's shadow and zeroes the destination's shadow, over the same n elements.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: call void @llvm.memcpy{{.*}}(ptr {{.*}}%out, ptr {{.*}}%in, i64 {{%.*}}, i1 false)
; CHECK: [[I:%.*]] = phi i64
; CHECK-DAG: [[TO:%.*]] = getelementptr {{.*}}double, ptr %dout, i64 [[I]]
; CHECK-DAG: [[FROM:%.*]] = getelementptr {{.*}}double, ptr %din, i64 [[I]]
; CHECK-DAG: [[MOVED:%.*]] = load double, ptr [[TO]]
; CHECK-DAG: [[KEPT:%.*]] = load double, ptr [[FROM]]
; CHECK: [[SUM:%.*]] = fadd {{.*}}double {{.*}}[[MOVED]]
; CHECK: store double [[SUM]], ptr [[FROM]]
; CHECK: store double 0.000000e+00, ptr [[TO]]

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @copy_then_square, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @copy_then_square(ptr captures(none) %out, ptr readonly captures(none) %in, i32 %n) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %conv = sext i32 %n to i64
  %mul = shl nsw i64 %conv, 3
  tail call void @llvm.memcpy.p0.p0.i64(ptr align 8 %out, ptr align 8 %in, i64 %mul, i1 false)
  %0 = load double, ptr %out, align 8
  %mul2 = fmul double %0, %0
  store double %mul2, ptr %out, align 8
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr noalias writeonly captures(none), ptr noalias readonly captures(none), i64, i1 immarg) mustprogress nofree nounwind willreturn memory(argmem: readwrite)
