/* enzyme_const arguments: constant scalars and constant (read-only) buffers need no shadow. */
#include "enzyme_test.h"

static double model(double a, double b, const double *data, int n, double *scratch)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        scratch[i] = a * data[i] + b;
        s += scratch[i] * scratch[i] * data[i];
    }
    return s;
}

static const double data[4] = {0.5, 1.0, -2.0, 3.0};
static double w_a(double a) { double sc[4]; return model(a, 0.3, data, 4, sc); }
static double w_b(double b) { double sc[4]; return model(1.2, b, data, 4, sc); }

int main(void)
{
    double scratch[4], dscratch[4];
    /* a active, b const, data const, scratch duplicated */
    check_close("d/da (b const)", __enzyme_fwddiff((void *)model, 1.2, 1.0, enzyme_const, 0.3, enzyme_const, data, 4, scratch, dscratch),
                central_diff(w_a, 1.2, CORPUS_H), 1e-6);
    check_close("scratch shadow", dscratch[2], data[2], 0.0);
    /* a const, b active */
    check_close("d/db (a const)", __enzyme_fwddiff((void *)model, enzyme_const, 1.2, 0.3, 1.0, enzyme_const, data, 4, scratch, dscratch),
                central_diff(w_b, 0.3, CORPUS_H), 1e-6);
    /* everything const except scratch: derivative is zero */
    check_close("all const", __enzyme_fwddiff((void *)model, enzyme_const, 1.2, enzyme_const, 0.3, enzyme_const, data, 4, scratch, dscratch), 0.0, 0.0);
    check_close("all const scratch shadow", dscratch[1], 0.0, 0.0);
    /* explicit enzyme_dup on a, b const */
    check_close("explicit dup", __enzyme_fwddiff((void *)model, enzyme_dup, 1.2, 1.0, enzyme_const, 0.3, enzyme_const, data, 4, enzyme_dup, scratch, dscratch),
                central_diff(w_a, 1.2, CORPUS_H), 1e-6);
    return corpus_exit();
}
