/* GMM with ADOL-C, the operator-overloading baseline: the objective of gmm_objective.hpp
 * instantiated on adouble, recorded on a tape once, and differentiated by gradient() (a
 * zero-order forward sweep over the tape, then a first-order reverse sweep).
 *
 * ADOL-C spills a tape to files in the working directory when it outgrows the default
 * buffers; that would time the disk, not ADOL-C. So the first recording is only used to
 * learn the tape's size, and the tape is recorded again with buffers that hold it in core,
 * as a tuned ADOL-C user would do. */
#include <adolc/adolc.h>

#include "../../common/adbench_timing.h"
#include "gmm_objective.hpp"

extern "C" {
int gmm_adolc_tape(int tag, int d, int k, int n, const double *theta, const double *x, double gamma, int m);
int gmm_adolc_gradient(int tag, int d, int k, const double *theta, double *grad);
double gmm_time_adolc_gradient(int tag, int d, int k, const double *theta, double *grad);
double gmm_time_adolc_tape_gradient(int tag, int d, int k, int n, const double *theta, const double *x,
                                    double gamma, int m, double *grad);
}

namespace {

struct buffer_sizes {
    unsigned operations = 0, locations = 0, values = 0, taylors = 0;
};

/* Buffer sizes per tape tag, learnt by the first recording; 0 = ADOL-C's defaults. */
buffer_sizes sizes_by_tag[64];

void record(int tag, int d, int k, int n, const double *theta, const double *x, double gamma, int m)
{
    const buffer_sizes &sizes = sizes_by_tag[tag];
    if (sizes.operations == 0) {
        trace_on((short)tag);
    } else {
        trace_on((short)tag, 0, sizes.operations, sizes.locations, sizes.values, sizes.taylors);
    }
    const int count = gmm::parameter_count(d, k);
    adouble *parameters = new adouble[count];
    for (int j = 0; j < count; ++j) {
        parameters[j] <<= theta[j];
    }
    adouble value = gmm::objective<adouble>(d, k, n, parameters, x, gamma, m);
    double result;
    value >>= result;
    delete[] parameters;
    trace_off();
}

bool spilled(int tag)
{
    size_t stats[STAT_SIZE];
    tapestats((short)tag, stats);
    return stats[OP_FILE_ACCESS] != 0 || stats[LOC_FILE_ACCESS] != 0 || stats[VAL_FILE_ACCESS] != 0;
}

} // namespace

/* Records the tape for tag (0 < tag < 64). Returns 0 when the tape is held in core, 1 when it
 * could only be recorded to files, -1 for a bad tag. */
int gmm_adolc_tape(int tag, int d, int k, int n, const double *theta, const double *x, double gamma, int m)
{
    if (tag <= 0 || tag >= 64) {
        return -1;
    }
    record(tag, d, k, n, theta, x, gamma, m);
    size_t stats[STAT_SIZE];
    tapestats((short)tag, stats);
    buffer_sizes &sizes = sizes_by_tag[tag];
    sizes.operations = (unsigned)stats[NUM_OPERATIONS] + 16;
    sizes.locations = (unsigned)stats[NUM_LOCATIONS] + 16;
    sizes.values = (unsigned)stats[NUM_VALUES] + 16;
    sizes.taylors = (unsigned)stats[TAY_STACK_SIZE] + 16;
    record(tag, d, k, n, theta, x, gamma, m);
    return spilled(tag) ? 1 : 0;
}

int gmm_adolc_gradient(int tag, int d, int k, const double *theta, double *grad)
{
    return gradient((short)tag, gmm::parameter_count(d, k), theta, grad);
}

namespace {

struct tape_state {
    int tag, d, k, n;
    const double *theta;
    const double *x;
    double gamma;
    int m;
    double *grad;
};

void run_gradient(void *state)
{
    tape_state *s = (tape_state *)state;
    gradient((short)s->tag, gmm::parameter_count(s->d, s->k), s->theta, s->grad);
}

void run_tape_gradient(void *state)
{
    tape_state *s = (tape_state *)state;
    record(s->tag, s->d, s->k, s->n, s->theta, s->x, s->gamma, s->m);
    gradient((short)s->tag, gmm::parameter_count(s->d, s->k), s->theta, s->grad);
}

} // namespace

/* gradient() on the tape recorded by gmm_adolc_tape; leaves the last gradient in grad. */
double gmm_time_adolc_gradient(int tag, int d, int k, const double *theta, double *grad)
{
    tape_state s = {tag, d, k, 0, theta, nullptr, 0.0, 0, grad};
    return adbench_seconds_per_call(run_gradient, &s);
}

/* Recording the tape and then gradient(), per call: what a caller pays when a tape cannot be
 * reused, because the branches it recorded (here: which term is the maximum in each
 * log-sum-exp) may differ at new parameters. */
double gmm_time_adolc_tape_gradient(int tag, int d, int k, int n, const double *theta, const double *x,
                                    double gamma, int m, double *grad)
{
    tape_state s = {tag, d, k, n, theta, x, gamma, m, grad};
    return adbench_seconds_per_call(run_tape_gradient, &s);
}
