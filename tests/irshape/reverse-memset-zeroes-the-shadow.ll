; RUN: enzyme-ad %s -O1 -o %t.ll
;
; memset(out, 0, n doubles) overwrites out: the shadow of out is cleared over the same bytes, so
; the adjoints of the values out held before (in[0]^2, in[1]) reach in's shadow only as zero.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: call void @llvm.memset{{.*}}(ptr {{.*}}%out, i8 0, i64 [[BYTES:%.*]], i1 false)
; CHECK: call void @llvm.memset{{.*}}(ptr {{.*}}%dout, i8 0, i64 [[BYTES]], i1 false)
; The reverse sweep reads the shadow of out[0] only after clearing it.
; CHECK: load double, ptr %dout
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @square_then_clear, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @square_then_clear(ptr writeonly captures(none) initializes((0, 16)) %out, ptr readonly captures(none) %in, i32 %n) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %in, align 8
  %mul = fmul double %0, %0
  store double %mul, ptr %out, align 8
  %arrayidx3 = getelementptr inbounds nuw i8, ptr %in, i64 8
  %1 = load double, ptr %arrayidx3, align 8
  %arrayidx4 = getelementptr inbounds nuw i8, ptr %out, i64 8
  store double %1, ptr %arrayidx4, align 8
  %conv = sext i32 %n to i64
  %mul5 = shl nsw i64 %conv, 3
  tail call void @llvm.memset.p0.i64(ptr nonnull align 8 %out, i8 0, i64 %mul5, i1 false)
  ret void
}

declare void @llvm.memset.p0.i64(ptr writeonly captures(none), i8, i64, i1 immarg) mustprogress nofree nounwind willreturn memory(argmem: write)
