using Bench.Ba.Native;

namespace Bench.Ba;

/// <summary>
/// A generated bundle-adjustment problem in ADBench's layout: cameras of 11 parameters, 3-D
/// points, and observations (camera, point) with a weight and a 2-D feature. Deterministic for a
/// given seed, so every run times the same problem.
/// </summary>
public sealed class BaProblem
{
    public const int CameraParameters = 11;

    public required int Observations { get; init; }
    public required double[] Cameras { get; init; }
    public required double[] Points { get; init; }
    public required double[] Weights { get; init; }
    public required double[] Features { get; init; }

    /// <summary>(camera, point) per observation.</summary>
    public required int[] Pairs { get; init; }

    /// <summary>
    /// Cameras about 10 units behind a cloud of points in [-1, 1]^3, looking at it with a small
    /// rotation, so every point projects in front of every camera (depth 8 to 12) and the
    /// Rodrigues formula's general branch is taken. Features are the exact projections plus
    /// a few pixels of noise, so residuals are not zero.
    /// </summary>
    public static unsafe BaProblem Generate(int cameras, int points, int observations, int seed)
    {
        var random = new Random(seed);
        double Uniform(double low, double high) => low + (high - low) * random.NextDouble();

        var cams = new double[CameraParameters * cameras];
        for (int c = 0; c < cameras; ++c)
        {
            Span<double> cam = cams.AsSpan(CameraParameters * c, CameraParameters);
            for (int k = 0; k < 3; ++k)
            {
                cam[k] = Uniform(-0.2, 0.2);
            }
            cam[3] = Uniform(-0.5, 0.5);
            cam[4] = Uniform(-0.5, 0.5);
            cam[5] = Uniform(-11.0, -9.0);
            cam[6] = Uniform(700.0, 900.0);
            cam[7] = Uniform(-20.0, 20.0);
            cam[8] = Uniform(-20.0, 20.0);
            cam[9] = Uniform(-0.05, 0.05);
            cam[10] = Uniform(-0.01, 0.01);
        }
        var pts = new double[3 * points];
        for (int i = 0; i < pts.Length; ++i)
        {
            pts[i] = Uniform(-1.0, 1.0);
        }
        var pairs = new int[2 * observations];
        var weights = new double[observations];
        var features = new double[2 * observations];
        Span<double> zero = [0.0, 0.0];
        Span<double> projection = stackalloc double[2];
        Span<double> one = [1.0];
        for (int o = 0; o < observations; ++o)
        {
            pairs[2 * o] = random.Next(cameras);
            pairs[2 * o + 1] = random.Next(points);
            weights[o] = Uniform(0.8, 1.2);
            BaNative.ba_project(cams.AsSpan(CameraParameters * pairs[2 * o], CameraParameters),
                pts.AsSpan(3 * pairs[2 * o + 1], 3), one, zero, projection);
            features[2 * o] = projection[0] + Uniform(-3.0, 3.0);
            features[2 * o + 1] = projection[1] + Uniform(-3.0, 3.0);
        }
        return new BaProblem
        {
            Observations = observations,
            Cameras = cams,
            Points = pts,
            Weights = weights,
            Features = features,
            Pairs = pairs,
        };
    }
}
