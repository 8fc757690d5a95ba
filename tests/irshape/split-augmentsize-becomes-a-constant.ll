; RUN: enzyme-ad %s -O2 -o %t.ll
;
; __enzyme_augmentsize is answered at compile time: tape_size returns a constant, and the augmented
; and reverse calls given a caller-allocated tape (enzyme_allocated) check the size they are passed
; against that same constant and trap when it is too small.
;
; CHECK-LABEL: define {{.*}}i32 @tape_size()
; CHECK-NEXT: entry:
; CHECK-NEXT: ret i32 [[SIZE:[1-9][0-9]*]]
; CHECK-NEXT: {{^}}}
;
; CHECK-LABEL: define {{.*}}void @forward(
; CHECK: icmp {{[a-z]+}} i32 %size, [[SIZE]]
; CHECK: call void @llvm.trap()
;
; CHECK-LABEL: define {{.*}}void @backward(
; CHECK: icmp {{[a-z]+}} i32 %size, [[SIZE]]
; CHECK: call void @llvm.trap()

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_allocated = external local_unnamed_addr global i32, align 4
@enzyme_tape = external local_unnamed_addr global i32, align 4

define i32 @tape_size() local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %call = tail call i32 (ptr, ...) @__enzyme_augmentsize(ptr nonnull @func, i32 %0, i32 %0) nounwind
  ret i32 %call
}

declare i32 @__enzyme_augmentsize(ptr, ...) local_unnamed_addr

define internal void @func(ptr writeonly captures(none) initializes((0, 16)) %v, ptr readonly captures(none) %x) mustprogress nofree norecurse nosync nounwind willreturn memory(argmem: readwrite) {
entry:
  %0 = load double, ptr %x, align 8
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %x, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %mul = fmul double %0, %1
  store double %mul, ptr %v, align 8
  %2 = load double, ptr %arrayidx1, align 8
  %mul5 = fmul double %2, %2
  %3 = load double, ptr %x, align 8
  %mul7 = fmul double %mul5, %3
  %arrayidx8 = getelementptr inbounds nuw i8, ptr %v, i64 8
  store double %mul7, ptr %arrayidx8, align 8
  ret void
}

define void @forward(ptr %v, ptr %dv, ptr %x, ptr %dx, ptr %tape, i32 %size) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_allocated, align 4
  %1 = load i32, ptr @enzyme_tape, align 4
  %2 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_augmentfwd(ptr nonnull @func, i32 %0, i32 %size, i32 %1, ptr %tape, i32 %2, ptr %v, ptr %dv, i32 %2, ptr %x, ptr %dx) nounwind
  ret void
}

declare void @__enzyme_augmentfwd(ptr, ...) local_unnamed_addr

define void @backward(ptr %v, ptr %dv, ptr %x, ptr %dx, ptr %tape, i32 %size) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_allocated, align 4
  %1 = load i32, ptr @enzyme_tape, align 4
  %2 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_reverse(ptr nonnull @func, i32 %0, i32 %size, i32 %1, ptr %tape, i32 %2, ptr %v, ptr %dv, i32 %2, ptr %x, ptr %dx) nounwind
  ret void
}

declare void @__enzyme_reverse(ptr, ...) local_unnamed_addr
