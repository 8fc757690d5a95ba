// new / delete and new[] / delete[] inside the differentiated function.
#include "enzyme_test.h"

struct Cell {
    double value;
    Cell *next;
};

static double f(double x, int n)
{
    double *buf = new double[n];
    for (int i = 0; i < n; i++) buf[i] = x + i;
    Cell *head = nullptr;
    for (int i = 0; i < n; i++) head = new Cell{buf[i] * buf[i], head};
    double s = 0.0;
    while (head) {
        s += head->value;
        Cell *next = head->next;
        delete head;
        head = next;
    }
    double *one = new double(x);
    s += *one * 3.0;
    delete one;
    delete[] buf;
    return s;
}

static double w_f(double x, void *c) { return f(x, *(int *)c); }

int main()
{
    for (int n = 1; n < 6; n += 2) {
        double closed = 3.0;
        for (int i = 0; i < n; i++) closed += 2 * (0.6 + i);
        check_close("new/delete", __enzyme_fwddiff((void *)f, 0.6, 1.0, n), closed, 1e-14);
        check_close("new/delete fd", __enzyme_fwddiff((void *)f, 0.6, 1.0, n), central_diff_ctx(w_f, &n, 0.6, CORPUS_H), 1e-6);
    }
    return corpus_exit();
}
