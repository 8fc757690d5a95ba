// Runs the primal and derivative kernels of native/saxpy.cu on the GPU and checks every derivative
// against a CPU reference computed in double precision. Without a CUDA driver it says so and exits 0:
// the build (PTX, embedded resource, launchers) is the part that needs no GPU.
using System.Globalization;
using CudaSaxpy;
using Enzyme.Cuda;

if (!CudaDevice.IsAvailable(out string reason))
{
    Console.WriteLine($"CudaSaxpy: built {Kernels.PtxResourceName}; not run: {reason}");
    return 0;
}

const int n = 1 << 20;
const uint blockSize = 256;
uint blocks = (n + blockSize - 1) / blockSize;
var random = new Random(12345);
float[] x = RandomVector(random, n), y0 = RandomVector(random, n), dy = RandomVector(random, n);
float[] w = [0.75f, -0.5f, 1.25f], dwDirection = [0.3f, -0.2f, 0.1f];
float[] dxDirection = RandomVector(random, n);
const float a = 2.5f;

using var context = CudaContext.CreateForFirstDevice();
using CudaModule module = Kernels.LoadModule(context);
Console.WriteLine($"CudaSaxpy on {context.Device}");
bool ok = true;

// saxpy and its gradient with respect to x: dx = a dy.
using (var dX = DeviceBuffer<float>.CopiedFrom(context, x))
using (var dY = DeviceBuffer<float>.CopiedFrom(context, y0))
using (var dDx = new DeviceBuffer<float>(context, n))
using (var dDy = DeviceBuffer<float>.CopiedFrom(context, dy))
{
    Kernels.saxpy(module, blocks, blockSize, n, a, dX.DevicePointer, dY.DevicePointer);
    float[] y = dY.ToArray();
    ok &= Report("saxpy y", MaxRelativeError(y, i => a * (double)x[i] + y0[i]), 1e-6);
    dDx.Clear();
    Kernels.saxpy_gradient(module, blocks, blockSize, n, a, dX.DevicePointer, dDx.DevicePointer, dY.DevicePointer, dDy.DevicePointer);
    float[] dx = dDx.ToArray();
    ok &= Report("saxpy dx", MaxRelativeError(dx, i => a * (double)dy[i]), 1e-6);
}

// The model: the gradient with respect to the shared weights (atomics) and to x, then the tangent.
using (var dW = DeviceBuffer<float>.CopiedFrom(context, w))
using (var dDw = new DeviceBuffer<float>(context, 3))
using (var dX = DeviceBuffer<float>.CopiedFrom(context, x))
using (var dDx = new DeviceBuffer<float>(context, n))
using (var dY = new DeviceBuffer<float>(context, n))
using (var dDy = DeviceBuffer<float>.CopiedFrom(context, dy))
{
    Kernels.model(module, blocks, blockSize, n, dW.DevicePointer, dX.DevicePointer, dY.DevicePointer);
    ok &= Report("model y", MaxAbsoluteError(dY.ToArray(), i => Model(w, x[i])), 1e-5);

    dDw.Clear();
    dDx.Clear();
    Kernels.model_gradient(module, blocks, blockSize, n, dW.DevicePointer, dDw.DevicePointer, dX.DevicePointer, dDx.DevicePointer, dY.DevicePointer, dDy.DevicePointer);
    float[] dw = dDw.ToArray(), dx = dDx.ToArray();
    double[] dwExpected = new double[3];
    for (int i = 0; i < n; i++)
    {
        dwExpected[0] += dy[i] * (double)x[i];
        dwExpected[1] += dy[i] * (double)x[i] * x[i];
        dwExpected[2] += dy[i] * Math.Sin(x[i]);
    }
    double scale = dy.Sum(v => Math.Abs((double)v));
    for (int j = 0; j < 3; j++)
    {
        // n float atomic additions in any order: the error grows with the sum of |terms|.
        ok &= Report($"model dw[{j}] = {dw[j].ToString("R", CultureInfo.InvariantCulture)} (CPU {dwExpected[j].ToString("R", CultureInfo.InvariantCulture)})",
            Math.Abs(dw[j] - dwExpected[j]) / scale, 1e-5);
    }
    ok &= Report("model dx", MaxAbsoluteError(dx, i => dy[i] * (w[0] + 2.0 * w[1] * x[i] + w[2] * Math.Cos(x[i]))), 1e-5);

    // Forward mode, and the dot-product test against the reverse results: <dy, J v> = <J^T dy, v>.
    using var dDwDirection = DeviceBuffer<float>.CopiedFrom(context, dwDirection);
    using var dDxDirection = DeviceBuffer<float>.CopiedFrom(context, dxDirection);
    using var dTangent = new DeviceBuffer<float>(context, n);
    Kernels.model_tangent(module, blocks, blockSize, n, dW.DevicePointer, dDwDirection.DevicePointer, dX.DevicePointer, dDxDirection.DevicePointer, dY.DevicePointer, dTangent.DevicePointer);
    float[] tangent = dTangent.ToArray();
    ok &= Report("model tangent", MaxAbsoluteError(tangent, i =>
        dwDirection[0] * (double)x[i] + dwDirection[1] * (double)x[i] * x[i] + dwDirection[2] * Math.Sin(x[i])
        + dxDirection[i] * (w[0] + 2.0 * w[1] * x[i] + w[2] * Math.Cos(x[i]))), 1e-5);
    double forward = 0, reverse = 0;
    for (int i = 0; i < n; i++)
    {
        forward += (double)dy[i] * tangent[i];
        reverse += (double)dx[i] * dxDirection[i];
    }
    for (int j = 0; j < 3; j++)
    {
        reverse += (double)dw[j] * dwDirection[j];
    }
    ok &= Report($"dot product <dy, J v> = {forward.ToString("G10", CultureInfo.InvariantCulture)} vs <J^T dy, v> = {reverse.ToString("G10", CultureInfo.InvariantCulture)}",
        Math.Abs(forward - reverse) / Math.Max(1.0, Math.Abs(forward)), 1e-4);
}

Console.WriteLine(ok ? "CudaSaxpy: all derivatives match the CPU reference" : "CudaSaxpy: MISMATCH");
return ok ? 0 : 1;

static float[] RandomVector(Random random, int length)
{
    var v = new float[length];
    for (int i = 0; i < length; i++)
    {
        v[i] = (float)(random.NextDouble() * 2.0 - 1.0);
    }
    return v;
}

static double Model(float[] w, float x) => w[0] * (double)x + w[1] * (double)x * x + w[2] * Math.Sin(x);

static double MaxRelativeError(float[] actual, Func<int, double> expected)
{
    double worst = 0;
    for (int i = 0; i < actual.Length; i++)
    {
        double e = expected(i);
        worst = Math.Max(worst, Math.Abs(actual[i] - e) / Math.Max(1.0, Math.Abs(e)));
    }
    return worst;
}

static double MaxAbsoluteError(float[] actual, Func<int, double> expected)
{
    double worst = 0;
    for (int i = 0; i < actual.Length; i++)
    {
        worst = Math.Max(worst, Math.Abs(actual[i] - expected(i)));
    }
    return worst;
}

static bool Report(string what, double error, double tolerance)
{
    bool pass = error <= tolerance;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(pass ? "ok  " : "FAIL")} {what}: error {error:E2} (tolerance {tolerance:E0})"));
    return pass;
}
