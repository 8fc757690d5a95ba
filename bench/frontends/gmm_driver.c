/* GMM through one front-end recipe: times the objective and Enzyme's gradient from
 * bench/gmm/native/gmm.cpp (built by run.sh from bitcode of that recipe, through enzyme-ad -O2)
 * and checks the timed gradient against the hand-written one (bench/gmm/native/gmm_hand.c,
 * itself checked against central differences by bench/gmm), on one ADBench input file.
 *
 * usage: gmm_driver ROWS.tsv INPUT.txt. Exit code 1 when the gradient is wrong. */
#include "driver.h"

int gmm_parameter_count(int d, int k);
double gmm_objective(int d, int k, int n, const double *theta, const double *x, double gamma, int m);
void gmm_gradient_hand(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                       double *grad);
double gmm_time_primal(int d, int k, int n, const double *theta, const double *x, double gamma, int m);
double gmm_time_enzyme(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                       double *grad);

/* Two exact gradients of the same function differ by rounding only (sums over 1000 points in a
 * different order); bench/gmm uses the same bound. */
#define EXACT_TOLERANCE 1e-10

static double *read_numbers(FILE *file, const char *path, int count)
{
    double *values = malloc(sizeof(double) * (size_t)count);
    for (int j = 0; j < count; ++j) {
        if (fscanf(file, "%lf", &values[j]) != 1) {
            fprintf(stderr, "%s: expected %d numbers, read %d\n", path, count, j);
            exit(2);
        }
    }
    return values;
}

int main(int argc, char **argv)
{
    FILE *rows = frontends_open_rows(argc, argv);
    if (argc < 3) {
        fprintf(stderr, "usage: %s ROWS.tsv INPUT.txt\n", argv[0]);
        return 2;
    }
    /* ADBench's text format (bench/data/gmm/NOTICE.md): d k n, theta, the points, gamma m. */
    FILE *input = fopen(argv[2], "r");
    int d, k, n, m;
    if (input == NULL || fscanf(input, "%d %d %d", &d, &k, &n) != 3) {
        fprintf(stderr, "%s: cannot read the sizes\n", argv[2]);
        return 2;
    }
    int count = gmm_parameter_count(d, k);
    double *theta = read_numbers(input, argv[2], count);
    double *x = read_numbers(input, argv[2], n * d);
    double gamma;
    if (fscanf(input, "%lf %d", &gamma, &m) != 2) {
        fprintf(stderr, "%s: cannot read the Wishart prior\n", argv[2]);
        return 2;
    }
    fclose(input);

    char label[64];
    snprintf(label, sizeof label, "gmm d%d K%d", d, k);
    double value = gmm_objective(d, k, n, theta, x, gamma, m);
    printf("== %s, n = %d, %d parameters, f = %.17g\n", label, n, count, value);

    double primal = gmm_time_primal(d, k, n, theta, x, gamma, m);
    int value_ok = isfinite(value);
    frontends_row(rows, "primal", primal, primal, value_ok, "f = %.10g, n = %d", value, n);

    double *grad = malloc(sizeof(double) * (size_t)count);
    double *hand = malloc(sizeof(double) * (size_t)count);
    gmm_gradient_hand(d, k, n, theta, x, gamma, m, hand);
    double seconds = gmm_time_enzyme(d, k, n, theta, x, gamma, m, grad);
    double error = frontends_relative_error(grad, hand, count);
    int grad_ok = error <= EXACT_TOLERANCE;
    frontends_row(rows, "enzyme-reverse", seconds, primal, grad_ok, "relative error %.1e vs hand-written", error);

    fclose(rows);
    return value_ok && grad_ok ? 0 : 1;
}
