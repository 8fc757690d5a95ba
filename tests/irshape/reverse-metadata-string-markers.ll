; RUN: enzyme-ad %s -O2 -o %t.ll
;
; Front ends that write the Enzyme call in IR themselves (rustc's autodiff, Enzyme's own tests) pass
; the activity markers as metadata strings, metadata !"enzyme_dup", instead of the addresses of the
; enzyme_* globals C code uses. Both spellings mean the same: d(x*x) = 2x for enzyme_out, and the
; adjoint of *a = *a * s scales the shadow by s for enzyme_dup / enzyme_const.
;
; CHECK-LABEL: define double @dsquare(double %x)
; CHECK-NOT: __enzyme_autodiff
; CHECK: fmul {{.*}}double %x, 2.000000e+00
; CHECK-LABEL: define void @dscale(
; CHECK-NOT: __enzyme_autodiff
; CHECK: [[SHADOW:%.*]] = load double, ptr %da
; CHECK-NEXT: [[SCALED:%.*]] = fmul double %s, [[SHADOW]]
; CHECK-NEXT: store double [[SCALED]], ptr %da
define double @square(double %x) {
  %m = fmul double %x, %x
  ret double %m
}

define void @scale(ptr %a, double %s) {
  %v = load double, ptr %a
  %w = fmul double %v, %s
  store double %w, ptr %a
  ret void
}

define double @dsquare(double %x) {
  %r = call double (...) @__enzyme_autodiff(ptr @square, metadata !"enzyme_out", double %x)
  ret double %r
}

define void @dscale(ptr %a, ptr %da, double %s) {
  call void (...) @__enzyme_autodiff(ptr @scale, metadata !"enzyme_dup", ptr %a, ptr %da, metadata !"enzyme_const", double %s)
  ret void
}

declare double @__enzyme_autodiff(...)
