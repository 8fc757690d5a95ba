; RUN: enzyme-ad %s -O2 -o %t.ll
;
; blackbox has a gradient registered with __enzyme_register_gradient_blackbox: the forward sweep
; calls the registered augmented function in place of blackbox, and the reverse sweep calls the
; registered reverse function with the same argument and blackbox's adjoint, whose result is
; added into the argument's shadow. blackbox itself is never called.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK-NOT: @blackbox(
; CHECK: [[X:%.*]] = load double, ptr %in
; CHECK: [[VALUE:%.*]] = {{.*}}call double @blackbox_augmented(double [[X]])
; CHECK: fmul double [[VALUE]],
; CHECK: [[DX:%.*]] = {{.*}}call double @blackbox_reverse(double [[X]], double {{%.*}})
; CHECK: [[SUM:%.*]] = fadd reassoc nsz contract double {{.*}}[[DX]]{{(,|$)}}
; CHECK: store double [[SUM]], ptr %din
; CHECK-NOT: @blackbox(
; CHECK: {{^}}}

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__enzyme_register_gradient_blackbox = local_unnamed_addr global [3 x ptr] [ptr @blackbox, ptr @blackbox_augmented, ptr @blackbox_reverse], align 16
@enzyme_dup = external local_unnamed_addr global i32, align 4

declare double @blackbox(double)

declare double @blackbox_augmented(double)

declare double @blackbox_reverse(double, double)

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @apply, i32 %0, ptr %out, ptr %dout, i32 %0, ptr %in, ptr %din) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal void @apply(ptr writeonly captures(none) initializes((0, 8)) %out, ptr readonly captures(none) %in) nounwind {
entry:
  %0 = load double, ptr %in, align 8
  %call = tail call double @blackbox(double %0) nounwind
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %in, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %mul = fmul double %call, %1
  store double %mul, ptr %out, align 8
  ret void
}
