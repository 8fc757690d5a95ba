/* Doubles that travel through integer storage: a union pun into a uint64_t array with a runtime index,
 * memcpy into a uint64_t word and back, and a struct holding an int, a double and a pointer copied as a
 * whole (its pointer field must keep its shadow). Clang moves these bytes as i64 loads and stores; the
 * engine gives the doubles among them their type back, so their adjoints are not dropped. */
#include "enzyme_reverse_test.h"
#include <stdint.h>
#include <string.h>

#define N 5

typedef union {
    double d;
    uint64_t u;
} Bits;

typedef struct {
    int tag;
    double value;
    const double *weights;
} Record;

static double f(const double *x, const double *w, int n)
{
    uint64_t words[N];
    for (int i = 0; i < n; i++) {
        Bits b;
        b.d = x[i];
        words[i] = b.u;
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        Bits c;
        c.u = words[(i + 2) % n];
        s += c.d * x[i];
    }
    uint64_t word;
    memcpy(&word, &x[1], sizeof word);
    double back;
    memcpy(&back, &word, sizeof back);
    Record r = {3, x[4] * x[0], w}, copy;
    copy = r;
    Record records[2];
    memcpy(&records[1], &copy, sizeof copy);
    return s + back * back + records[1].value * records[1].weights[records[1].tag % n];
}

static double fx(double *x, void *w) { return f(x, (const double *)w, N); }
static double fw(double *w, void *x) { return f((const double *)x, w, N); }

int main(void)
{
    rev_seed(515);
    double x[N], w[N], dx[N] = {0}, dw[N] = {0};
    rev_rand_fill(x, N);
    rev_rand_fill(w, N);
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, w, dw, enzyme_const, N);
    rev_check_grad("dx", fx, w, x, dx, N, REV_H, REV_TOL);
    rev_check_grad("dw", fw, x, w, dw, N, REV_H, REV_TOL);
    return corpus_exit();
}
