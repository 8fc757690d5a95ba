/* Pointers stored in memory: arrays of pointers, pointer-to-pointer, a linked list on the stack. */
#include "enzyme_test.h"

typedef struct Node {
    double value;
    struct Node *next;
} Node;

static double list_sum(Node *head)
{
    double s = 0.0;
    for (Node *n = head; n; n = n->next)
        s += n->value * n->value;
    return s;
}

static double build_and_sum(double x)
{
    Node nodes[4];
    Node *head = 0;
    for (int i = 0; i < 4; i++) {
        nodes[i].value = x + i;
        nodes[i].next = head;
        head = &nodes[i];
    }
    return list_sum(head);
}

static double rows_sum(double **rows, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += rows[i][0] * rows[i][1];
    return s;
}

static double indirect(double x)
{
    double a = x, b = 2.0 * x;
    double *pa = &a, *pb = &b;
    double **pp = (x > 0.0) ? &pa : &pb;
    **pp = **pp * 3.0;
    double *slots[2] = {pa, pb};
    *slots[1] += *slots[0];
    return a * b;
}

int main(void)
{
    check_close("build_and_sum", __enzyme_fwddiff((void *)build_and_sum, 0.3, 1.0), central_diff(build_and_sum, 0.3, CORPUS_H), 1e-6);
    check_close("build_and_sum closed", __enzyme_fwddiff((void *)build_and_sum, 0.3, 1.0), 2 * (4 * 0.3 + 6), 1e-14);
    check_close("indirect +", __enzyme_fwddiff((void *)indirect, 0.6, 1.0), central_diff(indirect, 0.6, CORPUS_H), 1e-6);
    check_close("indirect -", __enzyme_fwddiff((void *)indirect, -0.6, 1.0), central_diff(indirect, -0.6, CORPUS_H), 1e-6);

    double r0[2] = {1.0, 2.0}, r1[2] = {3.0, 4.0};
    double d0[2] = {1.0, 0.0}, d1[2] = {0.0, 1.0};
    double *rows[2] = {r0, r1}, *drows[2] = {d0, d1};
    check_close("rows_sum", __enzyme_fwddiff((void *)rows_sum, rows, drows, 2), 2.0 + 3.0, 1e-15);
    Node n2 = {2.0, 0}, n1 = {1.5, &n2};
    Node dn2 = {1.0, 0}, dn1 = {0.0, &dn2};
    check_close("list_sum", __enzyme_fwddiff((void *)list_sum, &n1, &dn1), 4.0, 1e-15);
    return corpus_exit();
}
