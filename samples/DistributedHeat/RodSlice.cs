using DistributedHeat.Native;

namespace DistributedHeat;

/// <summary>This rank's cells of the rod, [<see cref="First"/>, <see cref="First"/> + <see cref="Count"/>), and its neighbours (MPI_PROC_NULL past the ends).</summary>
public sealed record RodSlice(int Cells, int Rank, int Size, int First, int Count, int Left, int Right)
{
    /// <summary>An even split: the first <c>cells % size</c> ranks get one cell more.</summary>
    public static RodSlice Of(int cells, int rank, int size)
    {
        int baseCount = cells / size, extra = cells % size;
        int count = baseCount + (rank < extra ? 1 : 0);
        int first = rank * baseCount + Math.Min(rank, extra);
        return new RodSlice(cells, rank, size, first, count, HeatModel.heat_mpi_neighbour(-1), HeatModel.heat_mpi_neighbour(1));
    }

    public bool Owns(int cell) => cell >= First && cell < First + Count;

    /// <summary>This rank's values of a function of the global cell index.</summary>
    public double[] Sample(Func<int, double> value) => [.. Enumerable.Range(First, Count).Select(value)];

    /// <summary>The position of a global cell's centre in [0, 1].</summary>
    public double Position(int cell) => (cell + 0.5) / Cells;
}
