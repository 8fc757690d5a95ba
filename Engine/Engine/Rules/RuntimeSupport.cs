using Enzyme.Llvm;

namespace Enzyme.Engine.Rules;

/// <summary>
/// Functions derivative rules call that the C library lacks, written as LLVM IR and linked
/// into the module on first use (internal linkage, so they never clash with user symbols).
/// </summary>
public static class RuntimeSupport
{
    public const string DigammaName = "__enzyme_sdk_digamma";

    // psi(x): reflection for x < 1/2 (psi(x) = psi(1-x) - pi/tan(pi x)), recurrence
    // psi(v) = psi(v+1) - 1/v up to v >= 10, then the asymptotic series to 1/v^10
    // (truncation error below 1e-15 there).
    private const string DigammaIr = """
        define internal double @__enzyme_sdk_digamma(double %x) {
        entry:
          %reflect = fcmp olt double %x, 0x3FE0000000000000
          %mirrored = fsub double 0x3FF0000000000000, %x
          %start = select i1 %reflect, double %mirrored, double %x
          br label %loop
        loop:
          %v = phi double [ %start, %entry ], [ %v.next, %body ]
          %acc = phi double [ 0.0, %entry ], [ %acc.next, %body ]
          %small = fcmp olt double %v, 0x4024000000000000
          br i1 %small, label %body, label %series
        body:
          %inv = fdiv double 0x3FF0000000000000, %v
          %acc.next = fsub double %acc, %inv
          %v.next = fadd double %v, 0x3FF0000000000000
          br label %loop
        series:
          %v2 = fmul double %v, %v
          %f = fdiv double 0x3FF0000000000000, %v2
          %p5 = fmul double %f, 0xBF7F07C1F07C1F08
          %p4 = fadd double %p5, 0x3F71111111111111
          %q4 = fmul double %f, %p4
          %p3 = fadd double %q4, 0xBF70410410410410
          %q3 = fmul double %f, %p3
          %p2 = fadd double %q3, 0x3F81111111111111
          %q2 = fmul double %f, %p2
          %p1 = fadd double %q2, 0xBFB5555555555555
          %tail = fmul double %f, %p1
          %logv = call double @llvm.log.f64(double %v)
          %half = fdiv double 0x3FE0000000000000, %v
          %s1 = fsub double %logv, %half
          %s2 = fadd double %s1, %tail
          %psi = fadd double %s2, %acc
          br i1 %reflect, label %reflected, label %done
        reflected:
          %pix = fmul double %x, 0x400921FB54442D18
          %tan = call double @llvm.tan.f64(double %pix)
          %cot = fdiv double 0x400921FB54442D18, %tan
          %r = fsub double %psi, %cot
          br label %done
        done:
          %result = phi double [ %psi, %series ], [ %r, %reflected ]
          ret double %result
        }
        declare double @llvm.log.f64(double)
        declare double @llvm.tan.f64(double)
        """;

    /// <summary>The digamma function ψ = Γ'/Γ for double, linked into <paramref name="module"/> once.</summary>
    public static LlvmFunction Digamma(LlvmModule module)
    {
        if (module.GetFunction(DigammaName) is { } existing)
        {
            return existing;
        }
        LlvmModule support = module.Context.ParseText(DigammaIr, "enzyme-sdk-runtime.ll");
        support.TargetTriple = module.TargetTriple;
        support.DataLayout = module.DataLayout;
        module.Link(support);
        return module.GetFunction(DigammaName)!.Value;
    }
}
