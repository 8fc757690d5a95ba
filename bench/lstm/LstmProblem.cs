using Bench.Lstm.Native;

namespace Bench.Lstm;

/// <summary>
/// Parameters, initial state and a character sequence of ADBench's LSTM benchmark, generated
/// deterministically. Sizes come from the native side, so C# and C agree on the layout.
/// </summary>
public sealed class LstmProblem
{
    public required double[] MainParams { get; init; }
    public required double[] ExtraParams { get; init; }
    public required double[] State { get; init; }

    /// <summary>One-hot vectors, <see cref="Length"/> x hidden size.</summary>
    public required double[] Sequence { get; init; }

    public required int Length { get; init; }

    public int ParameterCount => MainParams.Length + ExtraParams.Length;

    /// <summary>
    /// Parameters and state uniform in [-1, 1] and [-0.5, 0.5]; the text follows a random walk
    /// over the alphabet (mostly +1 or +2 characters), so it has structure for the model to
    /// predict, and every character is one-hot.
    /// </summary>
    public static LstmProblem Generate(int length, int seed)
    {
        var random = new Random(seed);
        int hidden = LstmNative.lstm_hidden_size();
        double[] Uniform(int count, double half)
        {
            var values = new double[count];
            for (int i = 0; i < count; ++i)
            {
                values[i] = half * (2.0 * random.NextDouble() - 1.0);
            }
            return values;
        }

        double[] main = Uniform(LstmNative.lstm_main_count(), 1.0);
        double[] extra = Uniform(LstmNative.lstm_extra_count(), 1.0);
        double[] state = Uniform(LstmNative.lstm_state_count(), 0.5);
        var sequence = new double[length * hidden];
        int character = 0;
        for (int t = 0; t < length; ++t)
        {
            sequence[t * hidden + character] = 1.0;
            character = (character + (random.NextDouble() < 0.8 ? 1 : 2 + random.Next(hidden - 2))) % hidden;
        }
        return new LstmProblem { MainParams = main, ExtraParams = extra, State = state, Sequence = sequence, Length = length };
    }

    /// <summary>The loss at the given parameters (the native objective, untimed).</summary>
    public unsafe double Loss(double[] main, double[] extra)
    {
        fixed (double* m = main, e = extra, s = State, q = Sequence)
        {
            return LstmNative.lstm_objective(m, e, s, q, Length);
        }
    }

    /// <summary>Enzyme forward mode's derivative of the loss along (vMain, vExtra).</summary>
    public unsafe double Directional(double[] vMain, double[] vExtra)
    {
        fixed (double* m = MainParams, vm = vMain, e = ExtraParams, ve = vExtra, s = State, q = Sequence)
        {
            return LstmNative.lstm_directional(m, vm, e, ve, s, q, Length);
        }
    }
}
