/* Atomic updates of doubles and floats: __atomic_fetch_add/_sub (atomicrmw fadd/fsub, any ordering),
 * the old value they return used in the result, C11 atomic_exchange (an i64 xchg of the double's bits),
 * __atomic_fetch_max/_min (atomicrmw fmax/fmin), C11 `_Atomic double +=`/`-=` and hand-written
 * compare-and-swap loops on the bits (CUDA's classic atomicAdd on double), which become cmpxchg loops,
 * and an integer atomic counter next to them. Every function maps (initial *acc, x[0..1]) to (its
 * result r, final *acc); reverse mode seeds r with 1 and the final *acc with W (the shadow passed in),
 * and each gradient is checked against a closed form, central differences of r + W * final acc, and
 * the dot-product test against forward mode. */
#include "enzyme_reverse_test.h"
#include <stdatomic.h>
#include <string.h>

#define W 0.75

typedef double (*Update)(double *acc, double *x);

/* sum of squares accumulated atomically; the old values unused. */
static double fetch_add_squares(double *acc, double *x)
{
    for (int i = 0; i < 2; i++) __atomic_fetch_add(acc, x[i] * x[i], __ATOMIC_RELAXED);
    return 0.0;
}

static double fetch_sub_product(double *acc, double *x)
{
    __atomic_fetch_sub(acc, x[0] * x[1], __ATOMIC_SEQ_CST);
    return 0.0;
}

/* The old values feed the result: y1 = a, y2 = a + x0; final acc = a + x0 - x1 a. */
static double fetch_add_old_values(double *acc, double *x)
{
    double y1 = __atomic_fetch_add(acc, x[0], __ATOMIC_ACQ_REL);
    double y2 = __atomic_fetch_sub(acc, x[1] * y1, __ATOMIC_SEQ_CST);
    return y1 * y2 + 3.0 * x[1];
}

static double exchange(double *acc, double *x)
{
    double old = atomic_exchange((_Atomic double *)acc, x[0] * x[0]);
    return old * x[1];
}

static double exchange_generic(double *acc, double *x)
{
    double value = x[0] * x[1], old;
    __atomic_exchange(acc, &value, &old, __ATOMIC_SEQ_CST);
    return old * old;
}

static double fetch_max(double *acc, double *x)
{
    double old = __atomic_fetch_max(acc, x[0] * x[1], __ATOMIC_RELAXED);
    return old * x[0];
}

static double fetch_min(double *acc, double *x)
{
    double old = __atomic_fetch_min(acc, x[0] * x[1], __ATOMIC_RELAXED);
    return old * x[0];
}

static double c11_compound(double *acc, double *x)
{
    _Atomic double *a = (_Atomic double *)acc;
    *a += x[0] * x[1];
    *a -= x[1];
    return 0.0;
}

/* Inlined even at -O0, like CUDA's __longlong_as_double / __double_as_longlong. */
static inline __attribute__((always_inline)) double bits_to_double(unsigned long long b) { double d; memcpy(&d, &b, sizeof d); return d; }
static inline __attribute__((always_inline)) unsigned long long double_to_bits(double d) { unsigned long long b; memcpy(&b, &d, sizeof b); return b; }

/* CUDA's atomicAdd(double*) written with atomicCAS before sm_60: returns the old value. */
static double cas_add(double *address, double value)
{
    unsigned long long *bits = (unsigned long long *)address;
    unsigned long long old = __atomic_load_n(bits, __ATOMIC_RELAXED), assumed;
    do {
        assumed = old;
        __atomic_compare_exchange_n(bits, &old, double_to_bits(bits_to_double(assumed) + value), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } while (assumed != old);
    return bits_to_double(old);
}

static double cas_loop(double *acc, double *x)
{
    double old = cas_add(acc, x[0] * x[0]);
    return old * x[1];
}

/* An integer counter next to the floating-point update: inactive, must keep working. */
static int counter;

static double with_counter(double *acc, double *x)
{
    int slot = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(acc, x[slot & 1] * 2.0, __ATOMIC_RELAXED);
    return 0.0;
}

static float fetch_add_float(float *acc, float *x)
{
    float old = __atomic_fetch_add(acc, x[0] * x[1], __ATOMIC_ACQ_REL);
    return old * x[0];
}

/* r + W * final acc, for central differences; v = (a, x0, x1). */
static Update current;
static double objective(double *v, void *ctx)
{
    (void)ctx;
    double acc = v[0], x[2] = {v[1], v[2]};
    if (current == with_counter) counter = 0;
    double r = current(&acc, x);
    return r + W * acc;
}

/* Checks a gradient (d a, d x0, d x1) against its closed form and central differences, and the
 * forward-mode tangent r_dot + W acc_dot along t against it (the dot-product test). */
static void check_gradient(const char *name, Update f, const double *v, const double *grad, const double *closed, const double *t,
                           double r_dot, double acc_dot)
{
    char label[96];
    current = f;
    double point[3] = {v[0], v[1], v[2]};
    for (int i = 0; i < 3; i++) {
        snprintf(label, sizeof label, "%s closed[%d]", name, i);
        check_close(label, grad[i], closed[i], 1e-12);
    }
    snprintf(label, sizeof label, "%s fd", name);
    rev_check_grad(label, objective, NULL, point, grad, 3, REV_H, REV_TOL);
    rev_check_dot(name, r_dot + W * acc_dot, rev_dot(t, grad, 3));
}

/* Reverse: seeds 1 on r and W on the final *acc; forward along a random t. A macro: the Enzyme calls
 * need the function itself. */
#define CHECK_UPDATE(name, f, a, x0, x1, ...)                                                            \
    do {                                                                                                 \
        double v_[3] = {a, x0, x1}, acc_ = v_[0], dacc_ = W, x_[2] = {v_[1], v_[2]}, dx_[2] = {0, 0};    \
        counter = 0;                                                                                     \
        __enzyme_autodiff_v((void *)f, enzyme_dup, &acc_, &dacc_, enzyme_dup, x_, dx_);                  \
        double t_[3];                                                                                    \
        rev_rand_fill(t_, 3);                                                                            \
        double acc2_ = v_[0], tacc_ = t_[0], x2_[2] = {v_[1], v_[2]}, tx_[2] = {t_[1], t_[2]};           \
        counter = 0;                                                                                     \
        double r_dot_ = __enzyme_fwddiff((void *)f, enzyme_dup, &acc2_, &tacc_, enzyme_dup, x2_, tx_);   \
        check_close(name " forward primal", acc2_, acc_, 1e-15);                                         \
        check_gradient(name, f, v_, (double[]){dacc_, dx_[0], dx_[1]}, (double[]){__VA_ARGS__}, t_, r_dot_, tacc_); \
    } while (0)

int main(void)
{
    rev_seed(1531);
    double a = 0.4, x0 = 1.3, x1 = -0.7;

    /* d/da of the final acc is 1: an increment leaves the shadow of *acc as it was. */
    CHECK_UPDATE("fetch_add squares", fetch_add_squares, a, x0, x1, W, W * 2 * x0, W * 2 * x1);
    CHECK_UPDATE("fetch_sub product", fetch_sub_product, a, x0, x1, W, -W * x1, -W * x0);
    /* r = a (a + x0) + 3 x1, final = a + x0 - x1 a */
    CHECK_UPDATE("old values used", fetch_add_old_values, a, x0, x1, 2 * a + x0 + W * (1 - x1), a + W, 3.0 - W * a);
    /* r = a x1, final = x0^2 */
    CHECK_UPDATE("exchange", exchange, a, x0, x1, x1, W * 2 * x0, a);
    /* r = a^2, final = x0 x1 */
    CHECK_UPDATE("exchange generic", exchange_generic, a, x0, x1, 2 * a, W * x1, W * x0);
    /* fmax: x0 x1 = -0.91 < a keeps a (r = a x0, final = a); with a = -2 the product wins */
    CHECK_UPDATE("fetch_max keeps old", fetch_max, a, x0, x1, x0 + W, a, 0);
    CHECK_UPDATE("fetch_max takes new", fetch_max, -2.0, x0, x1, x0, -2.0 + W * x1, W * x0);
    CHECK_UPDATE("fetch_min takes new", fetch_min, a, x0, x1, x0, a + W * x1, W * x0);
    CHECK_UPDATE("fetch_min keeps old", fetch_min, -2.0, x0, x1, x0 + W, -2.0, 0);
    /* final = a + x0 x1 - x1 */
    CHECK_UPDATE("C11 += -=", c11_compound, a, x0, x1, W, W * x1, W * (x0 - 1));
    /* r = a x1, final = a + x0^2 */
    CHECK_UPDATE("CAS loop", cas_loop, a, x0, x1, x1 + W, W * 2 * x0, a);
    /* slot 0: final = a + 2 x0 */
    CHECK_UPDATE("integer counter", with_counter, a, x0, x1, W, 2 * W, 0);
    check_true("counter advanced", counter == 1);

    /* float: r = a x0, final = a + x0 x1 */
    float af = 0.5f, daf = (float)W, xf[2] = {1.5f, -0.25f}, dxf[2] = {0, 0};
    __enzyme_autodiff_v((void *)fetch_add_float, enzyme_dup, &af, &daf, enzyme_dup, xf, dxf);
    check_close("float dacc", daf, 1.5 + W, 1e-6);
    check_close("float dx0", dxf[0], 0.5 + W * -0.25, 1e-6);
    check_close("float dx1", dxf[1], W * 1.5, 1e-6);
    return corpus_exit();
}
