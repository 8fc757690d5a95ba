; RUN: enzyme-ad %s -O2 -o %t.ll
;
; s += sin(x[i]) only when x[i] > 0: the reverse sweep of the merge block tells which way the
; forward sweep came by re-evaluating the guard (x[i] is still in memory), not by a cached
; predecessor per iteration, so nothing is cached; the adjoint is cos(x[i]) behind that condition.
;
; CHECK-LABEL: define {{.*}}void @gradient(
; CHECK-NOT: call {{.*}}@{{__enzyme_sdk_cache_grow|malloc|realloc|calloc}}(
; CHECK: fcmp ogt
; CHECK: call {{.*}}@llvm.cos.
; CHECK-NOT: call {{.*}}@{{__enzyme_sdk_cache_grow|malloc|realloc|calloc}}(
; CHECK: {{^}}}
; CHECK-NOT: __enzyme_sdk_cache

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@enzyme_dup = external local_unnamed_addr global i32, align 4
@enzyme_const = external local_unnamed_addr global i32, align 4

define void @gradient(ptr %x, ptr %dx, i32 %n) local_unnamed_addr nounwind {
entry:
  %0 = load i32, ptr @enzyme_dup, align 4
  %1 = load i32, ptr @enzyme_const, align 4
  tail call void (ptr, ...) @__enzyme_autodiff(ptr nonnull @positive_sines, i32 %0, ptr %x, ptr %dx, i32 %1, i32 %n) nounwind
  ret void
}

declare void @__enzyme_autodiff(ptr, ...) local_unnamed_addr

define internal double @positive_sines(ptr readonly captures(none) %x, i32 %n) nofree norecurse nounwind memory(argmem: read, errnomem: write) {
entry:
  %cmp6 = icmp sgt i32 %n, 0
  br i1 %cmp6, label %for.body.preheader, label %for.cond.cleanup

for.body.preheader:
  %wide.trip.count = zext nneg i32 %n to i64
  br label %for.body

for.cond.cleanup:
  %s.0.lcssa = phi double [ 0.000000e+00, %entry ], [ %s.1, %if.end ]
  ret double %s.0.lcssa

for.body:
  %indvars.iv = phi i64 [ 0, %for.body.preheader ], [ %indvars.iv.next, %if.end ]
  %s.08 = phi double [ 0.000000e+00, %for.body.preheader ], [ %s.1, %if.end ]
  %arrayidx = getelementptr inbounds nuw double, ptr %x, i64 %indvars.iv
  %0 = load double, ptr %arrayidx, align 8
  %cmp1 = fcmp ogt double %0, 0.000000e+00
  br i1 %cmp1, label %if.then, label %if.end

if.then:
  %call = tail call double @sin(double %0) nounwind
  %add = fadd double %s.08, %call
  br label %if.end

if.end:
  %s.1 = phi double [ %add, %if.then ], [ %s.08, %for.body ]
  %indvars.iv.next = add nuw nsw i64 %indvars.iv, 1
  %exitcond.not = icmp eq i64 %indvars.iv.next, %wide.trip.count
  br i1 %exitcond.not, label %for.cond.cleanup, label %for.body
}

declare double @sin(double) local_unnamed_addr mustprogress nofree nounwind willreturn memory(errnomem: write)
