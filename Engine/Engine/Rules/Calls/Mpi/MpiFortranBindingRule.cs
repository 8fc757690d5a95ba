using System.Text.RegularExpressions;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// A Fortran MPI binding left as it is by <see cref="FortranMpiBindings"/> (<c>mpi_isend_</c>, <c>mpi_wait_</c>,
/// <c>mpi_gather_</c>, or a rewritten one called without its <c>ierror</c>). Its arguments are all pointers and
/// its handles integers, so nothing tells a real buffer from an integer one: a call that receives a pointer with
/// a shadow is ENZ2022, naming the call and the bindings that are differentiated. Other calls (timers, queries)
/// pass through.
/// </summary>
public sealed partial class MpiFortranBindingRule : CallRule
{
    public override string Name => "MPI Fortran binding (not differentiated)";

    public override CallWrites Writes => CallWrites.Anything;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => !isIntrinsic && FortranBindingName().IsMatch(callee.Name);

    public override void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call) => Check(call, context.PrimalName, context.HasShadow);

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call) => Check(call, context.PrimalName, context.HasShadow);

    private static void Check(LlvmInstruction call, string primal, Func<LlvmValue, bool> hasShadow)
    {
        if (!Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument).Any(a => a.Type.IsPointer && hasShadow(a)))
        {
            return;
        }
        string callee = call.CalledValue.Name;
        string fortranName = callee.TrimEnd('_').ToUpperInvariant();
        string differentiated = string.Join(", ", FortranMpiBindings.Bindings.Keys.Select(k => k.TrimEnd('_').ToUpperInvariant()));
        string why = FortranMpiBindings.Bindings.ContainsKey(callee)
            ? "is called without its IERROR argument, so the engine cannot turn it into the C call it differentiates"
            : "is an MPI Fortran binding the engine does not differentiate";
        throw new Diagnostics.EnzymeException(Diagnostics.DiagnosticCodes.MpiFortranBindingNotDifferentiable,
            $"'{primal}' calls {fortranName} (symbol {callee}) on data that carries derivatives; it {why}. Differentiated from Fortran: {differentiated} " +
            "(include 'mpif.h', every argument including IERROR); use those, or call the C binding through bind(c) (docs/mpi.md)",
            call.DebugLocation);
    }

    /// <summary>flang's symbol of a Fortran MPI routine: lower case, one trailing underscore (<c>mpi_isend_</c>, <c>pmpi_wait_</c>).</summary>
    [GeneratedRegex("^p?mpi_[a-z0-9_]+_$")]
    private static partial Regex FortranBindingName();
}
