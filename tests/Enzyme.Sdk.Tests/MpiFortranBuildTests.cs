using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// <c>EnzymeMPI=true</c> with a Fortran source that uses Open MPI through <c>include 'mpif.h'</c> (the SDK's flang-readable
/// one): the engine differentiates its <c>MPI_SENDRECV</c> halo exchange and <c>MPI_ALLREDUCE</c>, the library links
/// libmpi and libmpi_mpifh (<c>MPI_INIT</c> stays a Fortran call), and the C# program, run under <c>mpirun -np 3</c>,
/// compares the gradient with central finite differences of the sum over ranks of the result (what a gradient called on
/// every rank is of), taken one rank's cell at a time. Also: without Open MPI's
/// wrapper the build stops with ENZ4015 naming the packages to install.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MpiFortranBuildTests
{
    private const int Ranks = 3;

    private const string FortranSource = """
        subroutine start_mpi() bind(c, name='start_mpi')
          implicit none
          include 'mpif.h'
          integer :: ierr
          call mpi_init(ierr)
        end subroutine start_mpi

        subroutine stop_mpi() bind(c, name='stop_mpi')
          implicit none
          include 'mpif.h'
          integer :: ierr
          call mpi_finalize(ierr)
        end subroutine stop_mpi

        function rank_of() result(r) bind(c, name='rank_of')
          use iso_c_binding, only: c_int
          implicit none
          include 'mpif.h'
          integer(c_int) :: r
          integer :: ierr, rank
          call mpi_comm_rank(MPI_COMM_WORLD, rank, ierr)
          r = rank
        end function rank_of

        function total(x) result(t) bind(c, name='total')
          use iso_c_binding, only: c_double
          implicit none
          include 'mpif.h'
          real(c_double), value :: x
          real(c_double) :: t
          integer :: ierr
          call mpi_allreduce(x, t, 1, MPI_DOUBLE_PRECISION, MPI_SUM, MPI_COMM_WORLD, ierr)
        end function total

        ! Every rank calls the gradient, which is therefore that of the sum over ranks of what energy returns
        ! (docs/mpi.md): the total divided by the number of ranks makes that sum the total itself.
        function energy(u, n) result(e) bind(c, name='energy')
          use iso_c_binding, only: c_double, c_int
          implicit none
          include 'mpif.h'
          integer(c_int), value :: n
          real(c_double), intent(in) :: u(n)
          real(c_double) :: e, w(0:n+1), local, all
          integer :: rank, nranks, left, right, ierr, i
          call mpi_comm_rank(MPI_COMM_WORLD, rank, ierr)
          call mpi_comm_size(MPI_COMM_WORLD, nranks, ierr)
          left = rank - 1
          right = rank + 1
          if (left < 0) left = MPI_PROC_NULL
          if (right >= nranks) right = MPI_PROC_NULL
          w(1:n) = u
          w(0) = 0
          w(n+1) = 0
          call mpi_sendrecv(w(n), 1, MPI_DOUBLE_PRECISION, right, 3, w(0), 1, MPI_DOUBLE_PRECISION, left, 3, &
                            MPI_COMM_WORLD, MPI_STATUS_IGNORE, ierr)
          call mpi_sendrecv(w(1), 1, MPI_DOUBLE_PRECISION, left, 4, w(n+1), 1, MPI_DOUBLE_PRECISION, right, 4, &
                            MPI_COMM_WORLD, MPI_STATUS_IGNORE, ierr)
          local = 0
          do i = 1, n
            local = local + (w(i+1) - w(i-1))**2 * sin(w(i))
          end do
          call mpi_allreduce(local, all, 1, MPI_DOUBLE_PRECISION, MPI_SUM, MPI_COMM_WORLD, ierr)
          e = all / nranks
        end function energy
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        Energy.start_mpi();
        int rank = Energy.rank_of();
        const int n = 5;
        double[] u = new double[n], du = new double[n];
        for (int i = 0; i < n; i++) u[i] = Math.Sin(1.3 * (rank * n + i)) + 0.2;
        Energy.energy_grad(u, du, n);
        double worst = 0, norm = 0;
        int ranks = (int)Energy.total(1.0);
        for (int owner = 0; owner < ranks; owner++)
        {
            for (int i = 0; i < n; i++)
            {
                const double h = 1e-6;
                double saved = u[i];
                if (rank == owner) u[i] = saved + h;
                double plus = Energy.total(Energy.energy(u, n));
                if (rank == owner) u[i] = saved - h;
                double minus = Energy.total(Energy.energy(u, n));
                u[i] = saved;
                if (rank == owner)
                {
                    double fd = (plus - minus) / (2 * h);
                    worst = Math.Max(worst, Math.Abs(du[i] - fd) / Math.Max(1, Math.Abs(fd)));
                    norm += du[i] * du[i];
                }
            }
        }
        double error = Energy.total(worst), gradientNorm = Math.Sqrt(Energy.total(norm));
        if (rank == 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ranks={ranks}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient_error={error:R}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient_norm={gradientNorm:R}"));
        }
        Energy.stop_mpi();
        """;

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildOnce()
    {
        _sandbox = new DotnetSandbox("mpi-fortran");
        string project = ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, "mpienergy", "Energy",
            extraItems: """
                <EnzymeSource Include="native/*.f90" />
                <EnzymeGradient Include="energy" Mode="Reverse" Activity="dup,const" Name="energy_grad" />
                """);
        _sandbox.WriteFile("app/App.csproj", project.Replace("<PropertyGroup>", "<PropertyGroup>\n    <EnzymeMPI>true</EnzymeMPI>", StringComparison.Ordinal));
        _sandbox.WriteFile("app/native/energy.f90", FortranSource);
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        _build = _sandbox.Build("app");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Build_FindsMpifH_AndLinksTheFortranBindings()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(_build.StandardOutput, Does.Match(@"flang\S* .*-I\S*mpi-flang.*-I\S*openmpi\S*include"), "the SDK's mpif.h comes before Open MPI's");
            Assert.That(_build.StandardOutput, Does.Match(@"-shared .*-lmpi -lmpi_mpifh"), "libmpi and the Fortran bindings");
        });
    }

    [Test]
    public void Program_UnderMpirun_MatchesFiniteDifferences()
    {
        Assert.That(_build.ExitCode, Is.Zero, "the build failed, so there is nothing to run:\n" + _build);
        ProcessResult run = _sandbox.Run("app", "mpirun", MpiLauncher.Arguments(Ranks, "bin/Debug/net10.0/App.dll"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(OutputParsing.Number(run.StandardOutput, "ranks"), Is.EqualTo(Ranks));
            Assert.That(OutputParsing.Number(run.StandardOutput, "gradient_error"), Is.LessThan(1e-6), "largest relative error against central differences, summed over ranks");
            Assert.That(OutputParsing.Number(run.StandardOutput, "gradient_norm"), Is.GreaterThan(0.5), "a gradient that is not zero");
        });
    }

    [Test]
    public void Build_WithoutOpenMpi_IsEnz4015NamingTheInstallCommand()
    {
        using var sandbox = new DotnetSandbox("mpi-missing");
        string project = ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "nompi", "NoMpi");
        sandbox.WriteFile("app/App.csproj", project.Replace("<PropertyGroup>",
            "<PropertyGroup>\n    <EnzymeMPI>true</EnzymeMPI>\n    <EnzymeMpiCompiler>/nonexistent/mpicc</EnzymeMpiCompiler>", StringComparison.Ordinal));
        sandbox.WriteFile("app/native/f.c", "#include <mpi.h>\ndouble f(double x) { return x * x; }\n");
        sandbox.WriteFile("app/Program.cs", "System.Console.WriteLine(Sandbox.Native.NoMpi.f(2));\n");

        ProcessResult build = sandbox.Build("app");

        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(build.StandardOutput, Does.Contain("error ENZ4015"));
            Assert.That(build.StandardOutput, Does.Contain("apt-get install -y openmpi-bin libopenmpi-dev"));
            Assert.That(build.StandardOutput, Does.Contain("/nonexistent/mpicc"));
            Assert.That(build.StandardOutput, Does.Not.Contain("mpi.h' file not found"), "stops before compiling");
        });
    }
}
