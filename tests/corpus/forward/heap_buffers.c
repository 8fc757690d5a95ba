/* malloc / calloc / realloc / free inside the differentiated function. */
#include <stdlib.h>
#include "enzyme_test.h"

static double heap_work(double x, int n)
{
    double *a = (double *)malloc(sizeof(double) * n);
    double *b = (double *)calloc(n, sizeof(double));
    for (int i = 0; i < n; i++)
        a[i] = x * (i + 1);
    for (int i = 0; i < n; i++)
        b[i] += a[i] * a[i] + b[i];
    a = (double *)realloc(a, sizeof(double) * 2 * n);
    for (int i = n; i < 2 * n; i++)
        a[i] = sin(a[i - n]) * b[i - n];
    double s = 0.0;
    for (int i = 0; i < 2 * n; i++)
        s += a[i];
    free(a);
    free(b);
    return s;
}

/* returns a heap pointer through an output argument; caller frees */
static void make_table(double x, double **out, int n)
{
    double *t = (double *)malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++)
        t[i] = exp(x * i);
    *out = t;
}

static double w_heap(double x, void *c) { return heap_work(x, *(int *)c); }

static double via_table(double x, int n)
{
    double *t;
    make_table(x, &t, n);
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += t[i];
    free(t);
    return s;
}
static double w_table(double x, void *c) { return via_table(x, *(int *)c); }

int main(void)
{
    for (int n = 1; n <= 5; n += 2) {
        check_close("heap_work", __enzyme_fwddiff((void *)heap_work, 0.3, 1.0, n), central_diff_ctx(w_heap, &n, 0.3, CORPUS_H), 1e-6);
        check_close("via_table", __enzyme_fwddiff((void *)via_table, 0.3, 1.0, n), central_diff_ctx(w_table, &n, 0.3, CORPUS_H), 1e-6);
    }
    return corpus_exit();
}
