namespace Enzyme.Engine.Transforms;

/// <summary>
/// A Fortran MPI binding's C counterpart: <paramref name="CName"/> and how each Fortran argument but the
/// trailing <c>ierror</c> becomes a C argument (<see cref="FortranMpiBindings"/>).
/// </summary>
public sealed record FortranMpiBinding(string CName, FortranMpiArgument[] Arguments);
