/* Pointers stored in memory: an array of row pointers (shadow rows in a shadow pointer array), and a
 * linked list of nodes whose shadow list mirrors it. */
#include "enzyme_reverse_test.h"

typedef struct Node { double val; struct Node *next; } Node;

static double rows_energy(double *const *rows, int m, int n)
{
    double s = 0.0;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) s += rows[i][j] * rows[(i + 1) % m][j] + sin(rows[i][j]);
    return s;
}

static double list_energy(const Node *head)
{
    double s = 0.0, prev = 1.0;
    for (const Node *p = head; p; p = p->next) {
        s += p->val * prev;
        prev = cos(p->val);
    }
    return s;
}

static double wr(double *flat, void *c)
{
    (void)c;
    double *rows[3] = {flat, flat + 4, flat + 8};
    return rows_energy(rows, 3, 4);
}
static double wl(double *vals, void *c)
{
    (void)c;
    Node n[4];
    for (int i = 0; i < 4; i++) { n[i].val = vals[i]; n[i].next = i < 3 ? &n[i + 1] : 0; }
    return list_energy(n);
}

int main(void)
{
    rev_seed(94);
    double flat[12], dflat[12] = {0}, vflat[12];
    rev_rand_fill(flat, 12);
    rev_rand_fill(vflat, 12);
    double *rows[3] = {flat, flat + 4, flat + 8}, *drows[3] = {dflat, dflat + 4, dflat + 8}, *vrows[3] = {vflat, vflat + 4, vflat + 8};
    __enzyme_autodiff_v((void *)rows_energy, rows, drows, 3, 4);
    rev_check_grad("rows", wr, 0, flat, dflat, 12, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("rows", w * __enzyme_fwddiff((void *)rows_energy, rows, vrows, 3, 4), w * rev_dot(vflat, dflat, 12));

    Node n[4], dn[4], tn[4];
    double vals[4], dvals[4], tv[4];
    rev_rand_fill(vals, 4);
    rev_rand_fill(tv, 4);
    for (int i = 0; i < 4; i++) {
        n[i].val = vals[i]; n[i].next = i < 3 ? &n[i + 1] : 0;
        dn[i].val = 0.0; dn[i].next = i < 3 ? &dn[i + 1] : 0;
        tn[i].val = tv[i]; tn[i].next = i < 3 ? &tn[i + 1] : 0;
    }
    __enzyme_autodiff_v((void *)list_energy, n, dn);
    for (int i = 0; i < 4; i++) dvals[i] = dn[i].val;
    rev_check_grad("list", wl, 0, vals, dvals, 4, REV_H, REV_TOL);
    rev_check_dot("list", w * __enzyme_fwddiff((void *)list_energy, n, tn), w * rev_dot(tv, dvals, 4));
    return corpus_exit();
}
