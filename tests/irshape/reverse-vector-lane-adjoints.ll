; RUN: enzyme-ad %s -O0 -o %t.ll
;
; Vector instructions, checked on the engine's own output (-O0). The adjoint of
; `insertelement %vec, %elt, 1` sends lane 1 of its adjoint to %elt and the rest, with lane 1
; zeroed, to %vec; the adjoint of `extractelement %vec, i` is the element's adjoint placed in lane i
; of a zero vector; the adjoint of the lane swap `shufflevector <1, 0>` moves lane 0 of its adjoint
; to lane 1 and lane 1 to lane 0.
;
; CHECK-LABEL: define void @gradient(
; CHECK: call void @[[DERIVATIVE:[^(]+]](ptr %out, ptr %dout, ptr %in, ptr %din)
; CHECK: define internal void @[[DERIVATIVE]](
; CHECK: store <2 x double> %result, ptr %out
; The reverse of %result = insertelement %products, %sum, 1:
; CHECK: [[TO_SUM:%.*]] = extractelement <2 x double> [[RESULT_ADJOINT:%[^,]+]], i64 1
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[TO_SUM]]
; CHECK: insertelement <2 x double> [[RESULT_ADJOINT]], double 0.000000e+00, i64 1
; The reverse of %high = extractelement %v, 1 and of %low = extractelement %products, 0:
; CHECK: insertelement <2 x double> zeroinitializer, double {{%.*}}, i64 1
; CHECK: insertelement <2 x double> zeroinitializer, double {{%.*}}, i64 0
; The reverse of the lane swap:
; CHECK: [[LANE0:%.*]] = extractelement <2 x double> [[SWAP_ADJOINT:%[^,]+]], i32 0
; CHECK: [[MOVED0:%.*]] = fadd double {{.*}}[[LANE0]]{{$}}
; CHECK: insertelement <2 x double> {{.*}}, double [[MOVED0]], i32 1
; CHECK: [[LANE1:%.*]] = extractelement <2 x double> [[SWAP_ADJOINT]], i32 1
; CHECK: [[MOVED1:%.*]] = fadd double {{.*}}[[LANE1]]{{$}}
; CHECK: insertelement <2 x double> {{.*}}, double [[MOVED1]], i32 0
; CHECK: ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external global i32

declare void @__enzyme_autodiff(ptr, ...)

define internal void @lanes(ptr %out, ptr %in) {
entry:
  %v = load <2 x double>, ptr %in, align 16
  %swapped = shufflevector <2 x double> %v, <2 x double> poison, <2 x i32> <i32 1, i32 0>
  %products = fmul <2 x double> %v, %swapped
  %low = extractelement <2 x double> %products, i64 0
  %high = extractelement <2 x double> %v, i64 1
  %sum = fadd double %low, %high
  %result = insertelement <2 x double> %products, double %sum, i64 1
  store <2 x double> %result, ptr %out, align 16
  ret void
}

define void @gradient(ptr %out, ptr %dout, ptr %in, ptr %din) {
entry:
  %dup = load i32, ptr @enzyme_dup, align 4
  call void (ptr, ...) @__enzyme_autodiff(ptr @lanes, i32 %dup, ptr %out, ptr %dout, i32 %dup, ptr %in, ptr %din)
  ret void
}
