/* The annotation mechanisms together in one loss function, each one the only way to get a right
 * gradient: a hand-written exp with range reduction and an inline-asm barrier declared function-like
 * "exp" (__enzyme_function_like); a logging/statistics routine that reads the active data and writes a
 * global statistics record and a log sink behind a volatile function pointer, marked inactive
 * (__enzyme_inactivefn) so it neither contributes nor needs differentiating; a global diagnostics value written with an active number each iteration and marked
 * inactive (__enzyme_inactive_global); and a stable log-add-exp reduction step with a registered custom
 * gradient (augment without a tape, reverse returning the two adjoints) whose body calls through a
 * volatile function pointer, called once per loop iteration (plus a registered forward rule for the
 * dot-product test's forward pass). Gradient w.r.t. the logits and a
 * temperature (enzyme_out) against finite differences; dot-product test. */
#include "enzyme_reverse_test.h"

/* 1. function-like exp */
__attribute__((noinline)) double my_exp(double x)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    int k = (int)lrint(y / 0.6931471805599453);
    return ldexp(exp(y - k * 0.6931471805599453), k);
}
void *__enzyme_function_like[2] = {(void *)my_exp, (void *)"exp"};

/* 2. inactive statistics, forwarded to a pluggable log sink (an unknown indirect target) */
struct Stats { long calls; double last_mean, last_max; } stats;
static char log_line[64];
static void sink_to_buffer(const char *tag, double v) { snprintf(log_line, sizeof log_line, "%s=%.3f", tag, v); }
static void (*volatile log_sink)(const char *, double) = sink_to_buffer;
__attribute__((noinline)) void record_stats(const double *x, int n)
{
    double s = 0.0, m = x[0];
    for (int i = 0; i < n; i++) {
        s += x[i];
        if (x[i] > m) m = x[i];
    }
    stats.calls++;
    stats.last_mean = s / n;
    stats.last_max = m;
    log_sink("max", m);
}
void *__enzyme_inactivefn[] = {(void *)record_stats};

/* 3. inactive global diagnostics */
double last_partial;
void *__enzyme_inactive_global[] = {(void *)&last_partial};

/* 4. custom gradient for a non-differentiable log-add-exp */
static double (*volatile log_ptr)(double) = log;
static int lae_aug_calls, lae_rev_calls;
__attribute__((noinline)) double log_add_exp(double a, double b)
{
    double m = a > b ? a : b;
    return m + log_ptr(exp(a - m) + exp(b - m));
}
double log_add_exp_aug(double a, double b)
{
    lae_aug_calls++;
    double m = a > b ? a : b;
    return m + log(exp(a - m) + exp(b - m));
}
typedef struct { double da, db; } LaeGrad;
LaeGrad log_add_exp_rev(double a, double b, double d)
{
    lae_rev_calls++;
    double sa = 1.0 / (1.0 + exp(b - a)); /* sigmoid(a - b) */
    return (LaeGrad){d * sa, d * (1.0 - sa)};
}
void *__enzyme_register_gradient_log_add_exp[3] = {(void *)log_add_exp, (void *)log_add_exp_aug, (void *)log_add_exp_rev};
/* forward rule returning {primal, tangent}, for the dot-product test's forward pass */
typedef struct { double primal, tangent; } LaeDual;
LaeDual log_add_exp_fwd(double a, double da, double b, double db)
{
    double sa = 1.0 / (1.0 + exp(b - a));
    return (LaeDual){log_add_exp_aug(a, b), sa * da + (1.0 - sa) * db};
}
void *__enzyme_register_derivative_log_add_exp[2] = {(void *)log_add_exp, (void *)log_add_exp_fwd};

#define N 8
static double loss(const double *z, double temp)
{
    double scaled[N];
    for (int i = 0; i < N; i++) scaled[i] = z[i] / temp;
    record_stats(scaled, N);
    double lse = scaled[0], weighted = 0.0;
    for (int i = 1; i < N; i++) {
        lse = log_add_exp(lse, scaled[i]);
        last_partial = lse;
    }
    for (int i = 0; i < N; i++) weighted += my_exp(scaled[i] - lse) * (i + 1); /* softmax-weighted index */
    return lse + 0.3 * weighted;
}

static double wz(double *z, void *t) { return loss(z, *(double *)t); }

int main(void)
{
    rev_seed(1613);
    double z[N], dz[N] = {0}, vz[N], temp = 1.4;
    for (int i = 0; i < N; i++) z[i] = 2.0 * rev_rand();
    rev_rand_fill(vz, N);
    long calls_before = stats.calls;
    double dtemp = __enzyme_autodiff((void *)loss, z, dz, temp);
    check_true("statistics recorded once by the gradient", stats.calls == calls_before + 1);
    check_true("log sink called", log_line[0] == 'm');
    check_close("statistics saw the scaled data", stats.last_mean * N * temp, z[0] + z[1] + z[2] + z[3] + z[4] + z[5] + z[6] + z[7], 1e-14);
    check_true("custom augment/reverse called per iteration", lae_aug_calls == N - 1 && lae_rev_calls == N - 1);
    double lse0 = z[0] / temp;
    for (int i = 1; i < N; i++) lse0 = log_add_exp_aug(lse0, z[i] / temp);
    check_close("inactive global written with the primal", last_partial, lse0, 1e-15);
    rev_check_grad("dz", wz, &temp, z, dz, N, REV_H, REV_TOL);
    check_close("dtemp", dtemp, (loss(z, temp + REV_H) - loss(z, temp - REV_H)) / (2 * REV_H), REV_TOL);

    double vt = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)loss, z, vz, temp, vt);
    rev_check_dot("annotated loss", w * jv, w * (rev_dot(vz, dz, N) + vt * dtemp));
    return corpus_exit();
}
