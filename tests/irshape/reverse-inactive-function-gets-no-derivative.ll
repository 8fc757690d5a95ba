; RUN: enzyme-ad %s -O1 -o %t.ll
;
; log_message is listed in __enzyme_inactivefn: its result is used as a constant and its argument
; in[1] gets no adjoint, so the gradient never touches in's shadow beyond in[0]; sin(in[0]) is
; differentiated as usual.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK: [[FACTOR:%.*]] = {{.*}}call double @log_message(double
; CHECK-NOT: getelementptr {{.*}}ptr %din
; CHECK: [[SEED:%.*]] = load double, ptr %dout
; CHECK: fmul double [[FACTOR]], [[SEED]]
; CHECK: call double @llvm.cos.f64(
; CHECK-NOT: getelementptr {{.*}}ptr %din
; CHECK-NOT: log_message
; CHECK: store double {{%.*}}, ptr %din
; CHECK-NEXT: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@__enzyme_inactivefn = local_unnamed_addr global [1 x ptr] [ptr @log_message], align 8
@enzyme_dup = external local_unnamed_addr global i32, align 4

declare double @log_message(double)

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
  %call = tail call double @sin(double %0) nounwind
  %arrayidx1 = getelementptr inbounds nuw i8, ptr %in, i64 8
  %1 = load double, ptr %arrayidx1, align 8
  %call2 = tail call double @log_message(double %1) nounwind
  %mul = fmul double %call, %call2
  store double %mul, ptr %out, align 8
  ret void
}

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)
