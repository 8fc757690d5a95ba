namespace Enzyme.Sdk.Tests.Support;

/// <summary>The C library both TorchSharp layer test classes build: a double and a float function, each a Torch layer.</summary>
public static class TorchLayerProject
{
    public const string CSource = """
        #include <math.h>
        #include <stddef.h>

        double energy(const double *x, const double *w, size_t n)
        {
            double s = 0.0;
            for (size_t i = 0; i < n; i++) s += w[i] * x[i] * x[i] * sin(x[i]);
            return s;
        }

        float spring(const float *x, float *k, int n)
        {
            float s = 0.0f;
            for (int i = 0; i < n; i++) s += k[0] * x[i] * x[i];
            return s;
        }
        """;

    public const string GradientItems = """
        <EnzymeGradient Include="energy" Activity="dup,const,const" Sizes="x=n" Torch="true" />
        <EnzymeGradient Include="spring" Activity="dup,dup,const" Torch="true" />
        """;
}
