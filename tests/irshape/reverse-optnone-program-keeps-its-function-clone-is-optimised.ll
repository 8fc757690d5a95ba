; RUN: enzyme-ad %s -O2 -o %t.ll
;
; Plain `clang -O0`: every function is optnone. The engine differentiates a clone of sum_cubes that
; loses optnone and gets the optimisation before differentiation (cube inlined, loop rotated, no
; stack slots left), while the program's own functions keep optnone and their -O0 bodies through
; the -O2 pipeline that follows.
;
; CHECK: define dso_local double @sum_cubes({{.*}}) {{.*}}[[OPTNONE:#[0-9]+]] {
; CHECK-NEXT: entry:
; CHECK-NEXT: alloca
; CHECK: define internal {{.*}}double @cube({{.*}}) {{.*}}[[OPTNONE]] {
; CHECK-LABEL: define internal fastcc void @diffesum_cubes(
; CHECK-NOT: alloca
; CHECK-NOT: call {{.*}}@cube
; CHECK: {{^}}}
; CHECK: attributes [[OPTNONE]] = { noinline nounwind optnone
; CHECK-NOT: attributes {{#[0-9]+}} = { {{.*}}optnone
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

; Function Attrs: noinline nounwind optnone uwtable
define dso_local double @sum_cubes(ptr noundef %x, i32 noundef %n) #0 {
entry:
  %x.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  %s = alloca double, align 8
  %i = alloca i32, align 4
  store ptr %x, ptr %x.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  store double 0.000000e+00, ptr %s, align 8
  store i32 0, ptr %i, align 4
  br label %for.cond

for.cond:                                         ; preds = %for.inc, %entry
  %0 = load i32, ptr %i, align 4
  %1 = load i32, ptr %n.addr, align 4
  %cmp = icmp slt i32 %0, %1
  br i1 %cmp, label %for.body, label %for.end

for.body:                                         ; preds = %for.cond
  %2 = load ptr, ptr %x.addr, align 8
  %3 = load i32, ptr %i, align 4
  %idxprom = sext i32 %3 to i64
  %arrayidx = getelementptr inbounds double, ptr %2, i64 %idxprom
  %4 = load double, ptr %arrayidx, align 8
  %call = call double @cube(double noundef %4)
  %5 = load double, ptr %s, align 8
  %add = fadd double %5, %call
  store double %add, ptr %s, align 8
  br label %for.inc

for.inc:                                          ; preds = %for.body
  %6 = load i32, ptr %i, align 4
  %inc = add nsw i32 %6, 1
  store i32 %inc, ptr %i, align 4
  br label %for.cond, !llvm.loop !6

for.end:                                          ; preds = %for.cond
  %7 = load double, ptr %s, align 8
  ret double %7
}

; Function Attrs: noinline nounwind optnone uwtable
define internal double @cube(double noundef %v) #0 {
entry:
  %v.addr = alloca double, align 8
  store double %v, ptr %v.addr, align 8
  %0 = load double, ptr %v.addr, align 8
  %1 = load double, ptr %v.addr, align 8
  %mul = fmul double %0, %1
  %2 = load double, ptr %v.addr, align 8
  %mul1 = fmul double %mul, %2
  ret double %mul1
}

; Function Attrs: noinline nounwind optnone uwtable
define dso_local void @gradient(ptr noundef %x, ptr noundef %dx, i32 noundef %n) #0 {
entry:
  %x.addr = alloca ptr, align 8
  %dx.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  store ptr %x, ptr %x.addr, align 8
  store ptr %dx, ptr %dx.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load ptr, ptr %x.addr, align 8
  %2 = load ptr, ptr %dx.addr, align 8
  %3 = load i32, ptr @enzyme_const, align 4
  %4 = load i32, ptr %n.addr, align 4
  %call = call double (ptr, ...) @__enzyme_autodiff(ptr noundef @sum_cubes, i32 noundef %0, ptr noundef %1, ptr noundef %2, i32 noundef %3, i32 noundef %4)
  ret void
}

declare double @__enzyme_autodiff(ptr noundef, ...) #1

attributes #0 = { noinline nounwind optnone uwtable }
attributes #1 = { nounwind }


!6 = distinct !{!6, !7}
!7 = !{!"llvm.loop.mustprogress"}
