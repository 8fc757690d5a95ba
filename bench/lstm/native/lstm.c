/*
 * ADBench's LSTM benchmark: a 2-layer LSTM of hidden size 14 reads a character sequence (one
 * vector of 14 per character) and predicts each next character; the loss is the mean negative
 * log-softmax probability of the true next character. As in ADBench, each layer has a weight
 * and a bias of 4 x 14 (forget, input, output gates and the cell candidate; the weights act
 * elementwise), plus extra parameters: an input scaling, an output scaling and an output bias
 * of 14 each. 2 * 2 * 56 + 3 * 14 = 266 parameters in all. The initial state (hidden and cell
 * per layer) is data, not a parameter.
 *
 * The time_* entry point runs the ADBench timing loop on the caller's buffers, so the gradient
 * the C# side checks is the one the last timed call produced.
 */
#include <math.h>
#include <string.h>
#include "../../common/adbench_timing.h"

#define LSTM_LAYERS 2
#define LSTM_HIDDEN 14
#define LSTM_MAIN (LSTM_LAYERS * 2 * 4 * LSTM_HIDDEN)
#define LSTM_EXTRA (3 * LSTM_HIDDEN)

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

static double sigmoid(double x) { return 1.0 / (1.0 + exp(-x)); }

/* One layer's step; hidden and cell are updated in place, as a recurrent state is. */
static void lstm_cell(const double *weight, const double *bias, const double *input, double *hidden, double *cell)
{
    const int b = LSTM_HIDDEN;
    for (int i = 0; i < b; ++i) {
        double forget = sigmoid(input[i] * weight[i] + bias[i]);
        double in_gate = sigmoid(hidden[i] * weight[b + i] + bias[b + i]);
        double out_gate = sigmoid(input[i] * weight[2 * b + i] + bias[2 * b + i]);
        double candidate = tanh(hidden[i] * weight[3 * b + i] + bias[3 * b + i]);
        cell[i] = cell[i] * forget + in_gate * candidate;
        hidden[i] = out_gate * tanh(cell[i]);
    }
}

/* Loss over a sequence of `length` characters: prediction t is scored against character t + 1.
 * main_params: per layer, weight (4 b) then bias (4 b); extra_params: input scale, output scale,
 * output bias (b each); state0: per layer, hidden (b) then cell (b). */
double lstm_objective(const double *main_params, const double *extra_params, const double *state0,
                      const double *sequence, int length)
{
    const int b = LSTM_HIDDEN;
    double state[LSTM_LAYERS * 2 * LSTM_HIDDEN];
    memcpy(state, state0, sizeof state);
    const double *in_scale = extra_params, *out_scale = extra_params + b, *out_bias = extra_params + 2 * b;
    double total = 0.0;
    for (int t = 0; t + 1 < length; ++t) {
        double x[LSTM_HIDDEN];
        for (int i = 0; i < b; ++i)
            x[i] = sequence[t * b + i] * in_scale[i];
        const double *input = x;
        for (int layer = 0; layer < LSTM_LAYERS; ++layer) {
            double *hidden = state + 2 * b * layer;
            lstm_cell(main_params + 8 * b * layer, main_params + 8 * b * layer + 4 * b, input, hidden, hidden + b);
            input = hidden;
        }
        double logits[LSTM_HIDDEN], sum = 0.0;
        for (int i = 0; i < b; ++i) {
            logits[i] = input[i] * out_scale[i] + out_bias[i];
            sum += exp(logits[i]);
        }
        double log_sum = log(sum);
        const double *next = sequence + (t + 1) * b;
        for (int i = 0; i < b; ++i)
            total += next[i] * (logits[i] - log_sum);
    }
    return -total / ((double)(length - 1) * b);
}

struct lstm_state {
    const double *main_params, *extra_params, *state0, *sequence;
    int length;
    double *loss, *grad_main, *grad_extra;
    double h;
};

static void run_primal(void *p)
{
    struct lstm_state *s = p;
    *s->loss = lstm_objective(s->main_params, s->extra_params, s->state0, s->sequence, s->length);
}

static void run_reverse(void *p)
{
    struct lstm_state *s = p;
    /* Enzyme accumulates into the shadows, so they are cleared each call. */
    memset(s->grad_main, 0, LSTM_MAIN * sizeof(double));
    memset(s->grad_extra, 0, LSTM_EXTRA * sizeof(double));
    __enzyme_autodiff((void *)lstm_objective, enzyme_dup, s->main_params, s->grad_main, enzyme_dup, s->extra_params,
                      s->grad_extra, enzyme_const, s->state0, enzyme_const, s->sequence, enzyme_const, s->length);
}

/* Central differences over all 266 parameters, a step relative to each parameter's size. */
static void run_central_differences(void *p)
{
    struct lstm_state *s = p;
    double main_copy[LSTM_MAIN], extra_copy[LSTM_EXTRA];
    memcpy(main_copy, s->main_params, sizeof main_copy);
    memcpy(extra_copy, s->extra_params, sizeof extra_copy);
    for (int k = 0; k < LSTM_MAIN + LSTM_EXTRA; ++k) {
        double *param = k < LSTM_MAIN ? main_copy + k : extra_copy + (k - LSTM_MAIN);
        double saved = *param, step = s->h * (fabs(saved) > 1.0 ? fabs(saved) : 1.0);
        *param = saved + step;
        double plus = lstm_objective(main_copy, extra_copy, s->state0, s->sequence, s->length);
        *param = saved - step;
        double minus = lstm_objective(main_copy, extra_copy, s->state0, s->sequence, s->length);
        *param = saved;
        double derivative = (plus - minus) / (2.0 * step);
        if (k < LSTM_MAIN)
            s->grad_main[k] = derivative;
        else
            s->grad_extra[k - LSTM_MAIN] = derivative;
    }
}

/* Sizes, so the caller allocates what this file expects. */
int lstm_main_count(void) { return LSTM_MAIN; }
int lstm_extra_count(void) { return LSTM_EXTRA; }
int lstm_hidden_size(void) { return LSTM_HIDDEN; }
int lstm_state_count(void) { return LSTM_LAYERS * 2 * LSTM_HIDDEN; }

/* tool: 0 the loss, 1 Enzyme reverse-mode gradient, 2 central differences (step h). Returns
 * seconds per call; loss, grad_main and grad_extra hold the last call's results. */
double lstm_time(int tool, const double *main_params, const double *extra_params, const double *state0,
                 const double *sequence, int length, double *loss, double *grad_main, double *grad_extra, double h)
{
    struct lstm_state s = { main_params, extra_params, state0, sequence, length, loss, grad_main, grad_extra, h };
    switch (tool) {
    case 0: return adbench_seconds_per_call(run_primal, &s);
    case 1: return adbench_seconds_per_call(run_reverse, &s);
    case 2: return adbench_seconds_per_call(run_central_differences, &s);
    default: return -1.0;
    }
}

/* The directional derivative of the loss along (v_main, v_extra), by Enzyme's forward mode: the
 * C# side compares it with the gradient's dot product (a check independent of step sizes). */
double lstm_directional(const double *main_params, const double *v_main, const double *extra_params,
                        const double *v_extra, const double *state0, const double *sequence, int length)
{
    return __enzyme_fwddiff((void *)lstm_objective, enzyme_dup, main_params, v_main, enzyme_dup, extra_params, v_extra,
                            enzyme_const, state0, enzyme_const, sequence, enzyme_const, length);
}
