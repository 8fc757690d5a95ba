# Writes a C translation unit whose derivative scales with `statements` (awk -v statements=N):
# scaled(x) calls N/50 blocks of 50 statements in turn, each statement a load, a multiply, a
# call to sin and an add over eight running values, so that no optimisation can fold it away,
# and scaled_grad takes one __enzyme_autodiff of scaled. The blocks are separate noinline
# functions, as code of that size is in practice: enzyme-ad differentiates each one (an
# augmented forward and a reverse function per block). About five LLVM instructions per
# statement at -O2.
BEGIN {
    block = 50
    blocks = int((statements + block - 1) / block)
    print "#include <math.h>"
    print "extern int enzyme_dup;"
    print "void __enzyme_autodiff(void *, ...);"
    for (b = 0; b < blocks; ++b) {
        printf "__attribute__((noinline)) static void block%d(double *a, const double *x) {\n", b
        print "    double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];"
        for (s = b * block; s < (b + 1) * block; ++s) {
            t = s % 8; u = (s * 3 + 1) % 8; v = (s * 5 + 2) % 8
            printf "    a%d = a%d * x[%d] + sin(a%d);\n", t, u, (s * 7) % 64, v
        }
        print "    a[0] = a0; a[1] = a1; a[2] = a2; a[3] = a3; a[4] = a4; a[5] = a5; a[6] = a6; a[7] = a7;"
        print "}"
    }
    print "double scaled(const double *x) {"
    print "    double a[8];"
    print "    for (int j = 0; j < 8; ++j) a[j] = x[j];"
    for (b = 0; b < blocks; ++b) printf "    block%d(a, x);\n", b
    print "    return a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7];"
    print "}"
    print "void scaled_grad(const double *x, double *dx) {"
    print "    __enzyme_autodiff((void *)scaled, enzyme_dup, x, dx);"
    print "}"
}
