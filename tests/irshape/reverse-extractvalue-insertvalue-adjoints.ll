; RUN: enzyme-ad %s --no-preopt -O0 -o %t.ll
; (--no-preopt: optimised first, the aggregates are split into scalars before differentiation.)
;
; Aggregates the engine's canonicalisation cannot fold away (a struct argument, an insertvalue
; that reaches a phi). The adjoint of `extractvalue %agg, i` is the element's adjoint placed at
; index i of a zero aggregate and added into %agg's adjoint; the adjoint of
; `insertvalue %agg, %element, i` sends index i of its adjoint to %element and the rest, with
; index i zeroed, to %agg. Checked on the engine's own output (-O0), before LLVM folds it.
;
; CHECK-LABEL: define { double, double } @gradient(
; CHECK: call { double, double } @[[DERIVATIVE:[^(]+]]({ double, double } %p, i1 %flip)
; CHECK: define internal { double, double } @[[DERIVATIVE]]({ double, double } %pair, i1 %flip)
; CHECK: %replaced = insertvalue { double, double } %pair, double %scaled, 0
; CHECK: %v = extractvalue { double, double } %result, 1
; The reverse of %v and %u:
; CHECK: insertvalue { double, double } zeroinitializer, double {{%.*}}, 1
; CHECK: insertvalue { double, double } zeroinitializer, double {{%.*}}, 0
; The reverse of the phi (a select by now), then of %replaced:
; CHECK: select i1 %flip, { double, double } zeroinitializer, { double, double } {{%.*}}
; CHECK: store { double, double } zeroinitializer, ptr
; CHECK-NEXT: [[TO_SCALED:%.*]] = extractvalue { double, double } [[ADJOINT:%[^,]+]], 0
; CHECK: fadd reassoc nsz contract double {{%.*}}, [[TO_SCALED]]
; CHECK: insertvalue { double, double } [[ADJOINT]], double 0.000000e+00, 0
; CHECK: ret { double, double }

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare { double, double } @__enzyme_autodiff(ptr, ...)
declare { double, double } @opaque_pair(double)

define internal double @rotate({ double, double } %pair, i1 %flip) {
entry:
  br i1 %flip, label %swap, label %done

swap:
  %first = extractvalue { double, double } %pair, 0
  %second = extractvalue { double, double } %pair, 1
  %scaled = fmul double %second, %first
  %replaced = insertvalue { double, double } %pair, double %scaled, 0
  br label %done

done:
  %result = phi { double, double } [ %pair, %entry ], [ %replaced, %swap ]
  %u = extractvalue { double, double } %result, 0
  %v = extractvalue { double, double } %result, 1
  %r = fmul double %u, %v
  ret double %r
}

define { double, double } @gradient(double %x, double %y, i1 %flip) {
entry:
  %p0 = insertvalue { double, double } poison, double %x, 0
  %p = insertvalue { double, double } %p0, double %y, 1
  %d = call { double, double } (ptr, ...) @__enzyme_autodiff(ptr @rotate, { double, double } %p, ptr @enzyme_const, i1 %flip)
  ret { double, double } %d
}
@enzyme_const = external global i32
