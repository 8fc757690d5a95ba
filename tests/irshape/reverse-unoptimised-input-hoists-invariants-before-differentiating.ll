; RUN: enzyme-ad %s -O0 -o %t.ll
;
; Unoptimised input (`-O2 -Xclang -disable-llvm-passes`): the weight scale[0] * scale[1] is
; computed inside the loop. The engine optimises the clone first, LICM hoists the weight into the
; loop's preheader, and the reverse sweep adds the weight's adjoint into the shadow of scale once,
; in the reverse of the preheader, instead of once per iteration (as it does with --no-preopt).
;
; CHECK-LABEL: define internal void @diffescaled_norm(
; CHECK: {{^}}invert.for.body.lr.ph:
; CHECK-NOT: {{^[a-z.0-9]+:}}
; CHECK: store double {{%.*}}, ptr %"scale'"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external global i32, align 4
@enzyme_const = external global i32, align 4

; Function Attrs: nounwind uwtable
define dso_local double @scaled_norm(ptr noundef %x, ptr noundef %scale, i32 noundef %n) #0 {
entry:
  %x.addr = alloca ptr, align 8
  %scale.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  %s = alloca double, align 8
  %i = alloca i32, align 4
  %w = alloca double, align 8
  store ptr %x, ptr %x.addr, align 8
  store ptr %scale, ptr %scale.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  call void @llvm.lifetime.start.p0(ptr %s) #4
  store double 0.000000e+00, ptr %s, align 8
  call void @llvm.lifetime.start.p0(ptr %i) #4
  store i32 0, ptr %i, align 4
  br label %for.cond

for.cond:                                         ; preds = %for.inc, %entry
  %0 = load i32, ptr %i, align 4
  %1 = load i32, ptr %n.addr, align 4
  %cmp = icmp slt i32 %0, %1
  br i1 %cmp, label %for.body, label %for.cond.cleanup

for.cond.cleanup:                                 ; preds = %for.cond
  call void @llvm.lifetime.end.p0(ptr %i) #4
  br label %for.end

for.body:                                         ; preds = %for.cond
  call void @llvm.lifetime.start.p0(ptr %w) #4
  %2 = load ptr, ptr %scale.addr, align 8
  %arrayidx = getelementptr inbounds double, ptr %2, i64 0
  %3 = load double, ptr %arrayidx, align 8
  %4 = load ptr, ptr %scale.addr, align 8
  %arrayidx1 = getelementptr inbounds double, ptr %4, i64 1
  %5 = load double, ptr %arrayidx1, align 8
  %mul = fmul double %3, %5
  store double %mul, ptr %w, align 8
  %6 = load double, ptr %w, align 8
  %7 = load ptr, ptr %x.addr, align 8
  %8 = load i32, ptr %i, align 4
  %idxprom = sext i32 %8 to i64
  %arrayidx2 = getelementptr inbounds double, ptr %7, i64 %idxprom
  %9 = load double, ptr %arrayidx2, align 8
  %mul3 = fmul double %6, %9
  %10 = load ptr, ptr %x.addr, align 8
  %11 = load i32, ptr %i, align 4
  %idxprom4 = sext i32 %11 to i64
  %arrayidx5 = getelementptr inbounds double, ptr %10, i64 %idxprom4
  %12 = load double, ptr %arrayidx5, align 8
  %13 = load double, ptr %s, align 8
  %14 = call double @llvm.fmuladd.f64(double %mul3, double %12, double %13)
  store double %14, ptr %s, align 8
  call void @llvm.lifetime.end.p0(ptr %w) #4
  br label %for.inc

for.inc:                                          ; preds = %for.body
  %15 = load i32, ptr %i, align 4
  %inc = add nsw i32 %15, 1
  store i32 %inc, ptr %i, align 4
  br label %for.cond, !llvm.loop !14

for.end:                                          ; preds = %for.cond.cleanup
  %16 = load double, ptr %s, align 8
  call void @llvm.lifetime.end.p0(ptr %s) #4
  ret double %16
}

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.start.p0(ptr captures(none)) #1

; Function Attrs: nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none)
declare double @llvm.fmuladd.f64(double, double, double) #2

; Function Attrs: nocallback nofree nosync nounwind willreturn memory(argmem: readwrite)
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1

; Function Attrs: nounwind uwtable
define dso_local void @gradient(ptr noundef %x, ptr noundef %dx, ptr noundef %scale, ptr noundef %dscale, i32 noundef %n) #0 {
entry:
  %x.addr = alloca ptr, align 8
  %dx.addr = alloca ptr, align 8
  %scale.addr = alloca ptr, align 8
  %dscale.addr = alloca ptr, align 8
  %n.addr = alloca i32, align 4
  store ptr %x, ptr %x.addr, align 8
  store ptr %dx, ptr %dx.addr, align 8
  store ptr %scale, ptr %scale.addr, align 8
  store ptr %dscale, ptr %dscale.addr, align 8
  store i32 %n, ptr %n.addr, align 4
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load ptr, ptr %x.addr, align 8
  %2 = load ptr, ptr %dx.addr, align 8
  %3 = load i32, ptr @enzyme_dup, align 4
  %4 = load ptr, ptr %scale.addr, align 8
  %5 = load ptr, ptr %dscale.addr, align 8
  %6 = load i32, ptr @enzyme_const, align 4
  %7 = load i32, ptr %n.addr, align 4
  %call = call double (ptr, ...) @__enzyme_autodiff(ptr noundef @scaled_norm, i32 noundef %0, ptr noundef %1, ptr noundef %2, i32 noundef %3, ptr noundef %4, ptr noundef %5, i32 noundef %6, i32 noundef %7)
  ret void
}

declare double @__enzyme_autodiff(ptr noundef, ...) #3

attributes #0 = { nounwind uwtable }
attributes #1 = { nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { nocallback nocreateundeforpoison nofree nosync nounwind speculatable willreturn memory(none) }
attributes #3 = { nounwind }
attributes #4 = { nounwind }


!8 = !{!"Simple C/C++ TBAA"}
!14 = distinct !{!14, !15}
!15 = !{!"llvm.loop.mustprogress"}
