; RUN: enzyme-ad %s -O0 -o %t.ll
;
; A call through a function pointer loaded from a table (the target known only at run time): the
; gradient calls an augmented dispatcher with the loaded pointer first, which compares it with each
; function of the call's type whose address the module takes and calls that function's augmented
; half; the reverse sweep passes the same pointer and the tape to the reverse dispatcher. A pointer
; that is none of them reaches the ENZ2004 report, which stops the program. Forward mode: one
; dispatcher of forward derivatives, called with the pointer, the argument and its tangent.
; (Source: double (*table[2])(double) = {sq, cube}; apply(k, x) = table[*k](x).)
;
; CHECK-LABEL: define internal double @diffeapply(
; CHECK: [[CALLEE:%.*]] = load ptr, ptr %arrayidx
; CHECK: call { double, ptr } @[[AUGMENTED:augmented_indirect[^(]*]](ptr [[CALLEE]], double %x)
; CHECK: call double @[[REVERSE:reverse_indirect[^(]*]](ptr [[CALLEE]], double %x, double {{%.*}}, ptr %tape)
; CHECK: define internal { double, ptr } @[[AUGMENTED]](ptr %callee, double %0)
; CHECK: icmp eq ptr %callee, @sq
; CHECK: call { double, ptr } @augmented_sq(double %0)
; CHECK: icmp eq ptr %callee, @cube
; CHECK: call { double, ptr } @augmented_cube(double %0)
; CHECK: call void @__enzyme_sdk_indirect_call_without_derivative(
; CHECK-NEXT: unreachable
; CHECK: define internal double @[[REVERSE]](ptr %callee, double %0, double %1, ptr %2)
; CHECK: call double @reverse_sq(double %0, double %1, ptr %2)
; CHECK: call double @reverse_cube(double %0, double %1, ptr %2)
; CHECK-LABEL: define internal double @fwddiffeapply(
; CHECK: call { double, double } @[[FORWARD:fwddiffe_indirect[^(]*]](ptr {{%.*}}, double %x, double %"x'")
; CHECK: define internal { double, double } @[[FORWARD]](ptr %callee, double %0, double %1)
; CHECK: call { double, double } @fwddiffesq(double %0, double %1)
; CHECK: call { double, double } @fwddiffecube(double %0, double %1)


@table = local_unnamed_addr global [2 x ptr] [ptr @sq, ptr @cube], align 16
@enzyme_const = external local_unnamed_addr global i32, align 4

define internal double @sq(double %x) {
entry:
  %mul = fmul double %x, %x
  ret double %mul
}

define internal double @cube(double %x) {
entry:
  %mul = fmul double %x, %x
  %mul1 = fmul double %x, %mul
  ret double %mul1
}

define double @gradient(ptr %k, double %x) local_unnamed_addr {
entry:
  %0 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_autodiff(ptr nonnull @apply, i32 %0, ptr %k, double %x)
  ret double %call
}

declare double @__enzyme_autodiff(ptr noundef, ...) local_unnamed_addr

define internal double @apply(ptr readonly captures(none) %k, double %x) {
entry:
  %0 = load i32, ptr %k, align 4
  %idxprom = sext i32 %0 to i64
  %arrayidx = getelementptr inbounds ptr, ptr @table, i64 %idxprom
  %1 = load ptr, ptr %arrayidx, align 8
  %call = tail call double %1(double %x)
  ret double %call
}

define double @tangent(ptr %k, double %x) local_unnamed_addr {
entry:
  %0 = load i32, ptr @enzyme_const, align 4
  %call = tail call double (ptr, ...) @__enzyme_fwddiff(ptr nonnull @apply, i32 %0, ptr %k, double %x, double 1.000000e+00)
  ret double %call
}

declare double @__enzyme_fwddiff(ptr noundef, ...) local_unnamed_addr

