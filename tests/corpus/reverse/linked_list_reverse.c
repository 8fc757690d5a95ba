/* A singly linked list built with malloc inside the differentiated function (a moving-average filter
 * keeps its history as a list): nodes are pushed at the head, the list is reversed in place by pointer
 * rewiring, walked to compute an exponentially weighted sum that depends on the order, one node is
 * unlinked from the middle and freed, and the remaining nodes are freed in a final walk. The shadow list
 * has to follow every rewired next pointer. Gradient w.r.t. the samples and the decay rate
 * (enzyme_out); dot-product test. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

typedef struct Sample {
    double value;
    double weight;
    struct Sample *next;
} Sample;

static Sample *push(Sample *head, double value, double weight)
{
    Sample *s = malloc(sizeof(Sample));
    s->value = value;
    s->weight = weight;
    s->next = head;
    return s;
}

static Sample *reverse(Sample *head)
{
    Sample *prev = NULL;
    while (head) {
        Sample *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static double filtered_energy(const double *x, int n, double decay)
{
    Sample *head = NULL;
    for (int i = 0; i < n; i++) head = push(head, sin(x[i]) + x[i], 1.0 / (1.0 + i));
    head = reverse(head); /* oldest first */

    /* drop the third-oldest sample */
    Sample *victim = head->next->next;
    head->next->next = victim->next;
    free(victim);

    double acc = 0.0, s = 0.0;
    for (Sample *p = head; p; p = p->next) {
        acc = decay * acc + (1.0 - decay) * p->value;
        s += p->weight * acc * acc;
    }
    while (head) {
        Sample *next = head->next;
        free(head);
        head = next;
    }
    return s;
}

#define N 12
static double wx(double *x, void *d) { return filtered_energy(x, N, *(double *)d); }

int main(void)
{
    rev_seed(1607);
    double x[N], dx[N] = {0}, vx[N], decay = 0.6;
    rev_rand_fill(x, N);
    rev_rand_fill(vx, N);
    double ddecay = __enzyme_autodiff((void *)filtered_energy, x, dx, N, decay);
    rev_check_grad("dx", wx, &decay, x, dx, N, REV_H, REV_TOL);
    check_close("ddecay", ddecay, (filtered_energy(x, N, decay + REV_H) - filtered_energy(x, N, decay - REV_H)) / (2 * REV_H), REV_TOL);
    check_close("dropped sample has no gradient", dx[2], 0.0, 0.0);

    double vd = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)filtered_energy, x, vx, N, decay, vd);
    rev_check_dot("list filter", w * jv, w * (rev_dot(vx, dx, N) + vd * ddecay));
    return corpus_exit();
}
