/* LSTM through one front-end recipe: times the loss and Enzyme's reverse-mode gradient from
 * bench/lstm/native/lstm.c, built by run.sh from bitcode of that recipe through enzyme-ad -O2,
 * and checks the timed gradient two ways, as bench/lstm does: a dot-product test against
 * Enzyme's forward mode (lstm_directional, an independent derivative code) and central
 * differences on a random sample of parameters.
 *
 * The problem is generated as bench/lstm generates its own (2 layers, hidden size 14, 1024
 * characters of a random walk over the alphabet), from this file's random generator.
 *
 * usage: lstm_driver ROWS.tsv. Exit code 1 when the gradient is wrong. */
#include <string.h>

#include "driver.h"

#define LENGTH 1024
#define DIRECTIONS 3
#define SAMPLE 20
#define STEP 6e-6
/* Forward against reverse: round-off in sums over ~10^5 operations. */
#define DOT_PRODUCT_TOLERANCE 1e-10
/* Central differences with a 6e-6 step: truncation and round-off near 1e-10 of the gradient's scale. */
#define DIFFERENCE_TOLERANCE 1e-6

int lstm_main_count(void);
int lstm_extra_count(void);
int lstm_hidden_size(void);
int lstm_state_count(void);
double lstm_objective(const double *main_params, const double *extra_params, const double *state0,
                      const double *sequence, int length);
double lstm_time(int tool, const double *main_params, const double *extra_params, const double *state0,
                 const double *sequence, int length, double *loss, double *grad_main, double *grad_extra, double h);
double lstm_directional(const double *main_params, const double *v_main, const double *extra_params,
                        const double *v_extra, const double *state0, const double *sequence, int length);

/* lstm_time's tools (lstm.c): the loss, and Enzyme's reverse-mode gradient. */
enum { TOOL_LOSS = 0, TOOL_REVERSE = 1 };

static double *uniform_vector(int count, double half)
{
    double *values = malloc(sizeof(double) * (size_t)count);
    for (int i = 0; i < count; ++i)
        values[i] = frontends_uniform(-half, half);
    return values;
}

int main(int argc, char **argv)
{
    FILE *rows = frontends_open_rows(argc, argv);
    frontends_seed(1024);
    const int main_count = lstm_main_count(), extra_count = lstm_extra_count(), hidden = lstm_hidden_size();
    const int count = main_count + extra_count;
    double *main_params = uniform_vector(main_count, 1.0);
    double *extra_params = uniform_vector(extra_count, 1.0);
    double *state = uniform_vector(lstm_state_count(), 0.5);
    /* One-hot characters on a walk of mostly +1, so the text has structure to predict. */
    double *sequence = calloc((size_t)LENGTH * hidden, sizeof(double));
    for (int t = 0, character = 0; t < LENGTH; ++t) {
        sequence[t * hidden + character] = 1.0;
        character = (character + (frontends_uniform(0.0, 1.0) < 0.8 ? 1 : 2 + frontends_below(hidden - 2))) % hidden;
    }

    char label[64];
    snprintf(label, sizeof label, "lstm c=%d", LENGTH);
    printf("== %s, 2 layers, hidden %d, %d parameters\n", label, hidden, count);
    double loss = 0.0;
    double *gradient = calloc((size_t)count, sizeof(double));
    double primal = lstm_time(TOOL_LOSS, main_params, extra_params, state, sequence, LENGTH, &loss, gradient,
                              gradient + main_count, STEP);
    int loss_ok = isfinite(loss);
    frontends_row(rows, "primal", primal, primal, loss_ok, "loss %.6f, %d parameters", loss, count);

    double seconds = lstm_time(TOOL_REVERSE, main_params, extra_params, state, sequence, LENGTH, &loss, gradient,
                               gradient + main_count, STEP);

    /* <gradient, v> against the forward-mode directional derivative, relative to |gradient| |v|
     * so that cancellation in the dot product does not count. */
    double norm = 0.0, scale = 0.0;
    for (int i = 0; i < count; ++i) {
        norm += gradient[i] * gradient[i];
        scale = fmax(scale, fabs(gradient[i]));
    }
    norm = sqrt(norm);
    double dot_error = 0.0;
    double *v = malloc(sizeof(double) * (size_t)count);
    for (int direction = 0; direction < DIRECTIONS; ++direction) {
        double dot = 0.0, v_norm = 0.0;
        for (int i = 0; i < count; ++i) {
            v[i] = frontends_uniform(-1.0, 1.0);
            dot += gradient[i] * v[i];
            v_norm += v[i] * v[i];
        }
        double directional = lstm_directional(main_params, v, extra_params, v + main_count, state, sequence, LENGTH);
        dot_error = frontends_worse(dot_error, fabs(dot - directional) / (norm * sqrt(v_norm)));
    }

    /* Central differences on a sample of parameters, relative to the largest gradient entry. */
    double difference_error = 0.0;
    double *probe = malloc(sizeof(double) * (size_t)count);
    memcpy(probe, main_params, sizeof(double) * (size_t)main_count);
    memcpy(probe + main_count, extra_params, sizeof(double) * (size_t)extra_count);
    for (int s = 0; s < SAMPLE; ++s) {
        int k = frontends_below(count);
        double saved = probe[k], step = STEP * fmax(1.0, fabs(saved));
        probe[k] = saved + step;
        double plus = lstm_objective(probe, probe + main_count, state, sequence, LENGTH);
        probe[k] = saved - step;
        double minus = lstm_objective(probe, probe + main_count, state, sequence, LENGTH);
        probe[k] = saved;
        difference_error = frontends_worse(difference_error, fabs((plus - minus) / (2.0 * step) - gradient[k]) / scale);
    }

    int ok = dot_error <= DOT_PRODUCT_TOLERANCE && difference_error <= DIFFERENCE_TOLERANCE;
    frontends_row(rows, "enzyme-reverse", seconds, primal, ok,
                  "full gradient; dot-product test vs forward mode %.1e, central differences on %d random parameters %.1e",
                  dot_error, SAMPLE, difference_error);

    fclose(rows);
    return loss_ok && ok ? 0 : 1;
}
