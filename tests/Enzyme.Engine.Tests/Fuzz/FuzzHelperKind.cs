namespace Enzyme.Engine.Tests.Fuzz;

internal enum FuzzHelperKind
{
    /// <summary><c>double h(double a[, double b])</c>, called inside expressions.</summary>
    Scalar,

    /// <summary><c>double h(const double *p, int m)</c>: reads an array, called inside expressions.</summary>
    Reduce,

    /// <summary><c>void h(double *p, int m, double c)</c>: updates an array in place, called as a statement.</summary>
    Update,
}
