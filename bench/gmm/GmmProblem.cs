using System.Globalization;

namespace GmmBench;

/// <summary>
/// One ADBench GMM input: dimension D, components K, points N, the parameters in one flat
/// vector (alpha[K], mu[K][D], icf[K][D(D+1)/2], the order of the file and of the native code),
/// the points, and the Wishart prior's gamma and m.
/// </summary>
public sealed record GmmProblem(int D, int K, int N, double[] Theta, double[] Points, double Gamma, int M)
{
    public string Case => $"d{D} K{K}";

    public static int ParameterCount(int d, int k) => k + k * d + k * d * (d + 1) / 2;

    /// <summary>Reads ADBench's text format (described in bench/data/gmm/NOTICE.md).</summary>
    public static GmmProblem Load(string path)
    {
        string[] words = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        int next = 0;
        double Number() => double.Parse(words[next++], NumberStyles.Float, CultureInfo.InvariantCulture);
        int Integer() => int.Parse(words[next++], NumberStyles.Integer, CultureInfo.InvariantCulture);

        int d = Integer(), k = Integer(), n = Integer();
        var theta = new double[ParameterCount(d, k)];
        for (int j = 0; j < theta.Length; j++)
        {
            theta[j] = Number();
        }
        var points = new double[n * d];
        for (int j = 0; j < points.Length; j++)
        {
            points[j] = Number();
        }
        double gamma = Number();
        int m = Integer();
        if (next != words.Length)
        {
            throw new InvalidDataException($"{path}: {words.Length - next} numbers left after the Wishart prior");
        }
        return new GmmProblem(d, k, n, theta, points, gamma, m);
    }
}
