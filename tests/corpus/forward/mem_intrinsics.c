/* memcpy / memmove / memset inside the differentiated function (shadows copied alongside). */
#include <string.h>
#include "enzyme_test.h"

static double copy_shift(const double *in, double *work, int n)
{
    memcpy(work, in, sizeof(double) * n);
    memmove(work + 1, work, sizeof(double) * (n - 1)); /* overlapping shift right */
    work[0] = 0.0;
    double local[6];
    memset(local, 0, sizeof local);
    memcpy(local, work, sizeof(double) * (n < 6 ? n : 6));
    double s = 0.0;
    for (int i = 0; i < 6; i++)
        s += local[i] * (i + 1) + work[i % n] * work[i % n];
    return s;
}

/* memset of a buffer that is later partially refilled with active values */
static double reset_fill(double x, double *buf, int n)
{
    memset(buf, 0, sizeof(double) * n);
    for (int i = 0; i < n; i += 2)
        buf[i] = x * i;
    memmove(buf, buf + 1, sizeof(double) * (n - 1)); /* overlapping shift left */
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += buf[i] * buf[i];
    return s;
}

static double w_copy(double *v, void *c) { double w[5]; (void)c; return copy_shift(v, w, 5); }
static double w_reset(double x) { double b[7]; return reset_fill(x, b, 7); }

int main(void)
{
    double in[5] = {0.5, 1.5, -0.7, 2.0, 0.1}, dir[5] = {1.0, -1.0, 0.5, 0.25, 2.0};
    double din[5], work[5], dwork[5];
    memcpy(din, dir, sizeof din);
    check_close("copy_shift", __enzyme_fwddiff((void *)copy_shift, in, din, work, dwork, 5), central_diff_dir(w_copy, 0, in, dir, 5, CORPUS_H), 1e-6);
    check_close("copy_shift work shadow", dwork[3], dir[2], 0.0);
    check_close("copy_shift work shadow 0", dwork[0], 0.0, 0.0);
    double b[7], db[7];
    for (int i = 0; i < 7; i++) db[i] = 99.0; /* stale shadow contents must be overwritten by memset */
    check_close("reset_fill", __enzyme_fwddiff((void *)reset_fill, 0.9, 1.0, b, db, 7), central_diff(w_reset, 0.9, CORPUS_H), 1e-6);
    check_close("reset_fill shadow 1", db[1], 2.0, 0.0);
    check_close("reset_fill shadow 2", db[2], 0.0, 0.0);
    check_close("reset_fill shadow 6", db[6], 6.0, 0.0); /* memmove leaves the last element */
    return corpus_exit();
}
