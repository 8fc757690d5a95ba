// C++: a template instantiated for the exported function, and a function that needs the C++
// runtime (a thrown and caught exception, std::string), so that the library links libstdc++
// (shared on Linux, static in the Windows DLL).
#include <stdexcept>
#include <string>

template <typename T> static T cubes(const T *x, int n)
{
    T s = 0;
    for (int i = 0; i < n; i++)
        s += x[i] * x[i] * x[i];
    return s;
}

extern "C" double power_sum(const double *x, int n) { return cubes(x, n); }

extern "C" int cxx_runtime_probe(int length)
{
    try {
        throw std::runtime_error(std::string(static_cast<size_t>(length), 'x'));
    } catch (const std::exception &e) {
        return static_cast<int>(std::string(e.what()).size());
    }
}
