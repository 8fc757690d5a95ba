/* The binary search tree of binary_tree_heap.c with insert kept out of line (noinline): the gradient calls
 * insert's augmented and reverse halves, and forward mode its derivative. The insertion loop has a constant
 * trip count, so after full unrolling the first call is insert(NULL, ...): a null pointer argument must get a
 * null shadow, so that one pair of halves (one derivative) serves every call, the first one included, and the
 * later calls can write child pointers into the shadow tree through root's shadow. Gradient w.r.t. the
 * payload inputs and a gain (enzyme_out); dot-product test. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

typedef struct Node {
    int key;
    double value;
    struct Node *left, *right;
} Node;

__attribute__((noinline)) static Node *insert(Node *root, int key, double value)
{
    Node *n = malloc(sizeof(Node));
    n->key = key;
    n->value = value;
    n->left = n->right = NULL;
    if (!root) return n;
    Node *cur = root;
    for (;;) {
        Node **slot = key < cur->key ? &cur->left : &cur->right;
        if (!*slot) {
            *slot = n;
            return root;
        }
        cur = *slot;
    }
}

__attribute__((noinline)) static double eval_tree(const Node *n, double gain)
{
    if (!n) return 0.0;
    double l = eval_tree(n->left, gain), r = eval_tree(n->right, gain);
    return n->value + tanh(gain * (l - 0.5 * r));
}

__attribute__((noinline)) static int flatten(const Node *n, double *out, int pos)
{
    if (!n) return pos;
    pos = flatten(n->left, out, pos);
    out[pos++] = n->value;
    return flatten(n->right, out, pos);
}

__attribute__((noinline)) static void free_tree(Node *n)
{
    if (!n) return;
    free_tree(n->left);
    free_tree(n->right);
    free(n);
}

#define N 11
static const int keys[N] = {50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 10};

static double tree_objective(const double *x, double gain)
{
    Node *root = NULL;
    for (int i = 0; i < N; i++) root = insert(root, keys[i], x[i] * x[i] + 0.3 * x[i]);
    double s = eval_tree(root, gain);
    double sorted[N];
    int m = flatten(root, sorted, 0);
    for (int i = 1; i < m; i++) s += (double)i * sorted[i] * sorted[i - 1];
    free_tree(root);
    return s;
}

static double wx(double *x, void *g) { return tree_objective(x, *(double *)g); }

int main(void)
{
    rev_seed(1606);
    double x[N], dx[N] = {0}, vx[N], gain = 0.8;
    rev_rand_fill(x, N);
    rev_rand_fill(vx, N);
    double dgain = __enzyme_autodiff((void *)tree_objective, x, dx, gain);
    rev_check_grad("dx", wx, &gain, x, dx, N, REV_H, REV_TOL);
    check_close("dgain", dgain, (tree_objective(x, gain + REV_H) - tree_objective(x, gain - REV_H)) / (2 * REV_H), REV_TOL);

    double vg = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)tree_objective, x, vx, gain, vg);
    rev_check_dot("tree", w * jv, w * (rev_dot(vx, dx, N) + vg * dgain));
    return corpus_exit();
}
