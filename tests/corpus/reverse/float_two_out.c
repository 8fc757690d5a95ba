/* Two float enzyme_out arguments: the { float, float } adjoint struct is returned (x86-64 ABI: as <2 x float>
 * in one SSE register), and three floats (returned in two registers). */
#include "enzyme_reverse_test.h"

typedef struct { float a, b, c; } Grad3f;
#ifdef __cplusplus
extern "C"
#endif
Grad3f __enzyme_autodiff3f(void *, ...);

static float f2(float x, float y) { return x * y * y + x / y; }
static float f3(float x, float y, float z) { return x * y * z + sinf(x) * z; }

int main(void)
{
    float x = 1.5f, y = 0.5f, z = 2.0f;
    Grad2f g2 = __enzyme_autodiff2f((void *)f2, x, y);
    check_close("f2 dx", g2.a, (double)(y * y + 1.0f / y), 1e-6);
    check_close("f2 dy", g2.b, (double)(2.0f * x * y - x / (y * y)), 1e-6);
    float v0 = 0.3f, v1 = -0.7f, w = 0.6f;
    float jv = __enzyme_fwddiff_f((void *)f2, x, v0, y, v1);
    check_close("f2 dot", (double)(w * jv), (double)(v0 * w * g2.a + v1 * w * g2.b), 1e-6);

    Grad3f g3 = __enzyme_autodiff3f((void *)f3, x, y, z);
    check_close("f3 dx", g3.a, (double)(y * z + cosf(x) * z), 1e-6);
    check_close("f3 dy", g3.b, (double)(x * z), 1e-6);
    check_close("f3 dz", g3.c, (double)(x * y + sinf(x)), 1e-6);
    return corpus_exit();
}
