namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>The MPI call rules, in the order <see cref="CallRules"/> tries them (the catch-all <see cref="MpiUnsupportedRule"/> last).</summary>
public static class MpiRules
{
    public static readonly CallRule[] All =
    [
        new MpiBlockingTransferRule("MPI_Send", isSend: true),
        new MpiBlockingTransferRule("MPI_Ssend", isSend: true),
        new MpiBlockingTransferRule("MPI_Recv", isSend: false),
        new MpiNonblockingTransferRule("MPI_Isend", isSend: true),
        new MpiNonblockingTransferRule("MPI_Irecv", isSend: false),
        new MpiWaitRule("MPI_Wait", all: false),
        new MpiWaitRule("MPI_Waitall", all: true),
        new MpiSendReceiveRule(),
        new MpiReductionRule("MPI_Allreduce", toAll: true),
        new MpiReductionRule("MPI_Reduce", toAll: false),
        new MpiBroadcastRule(),
        .. MpiInactiveRule.Functions.Select(f => new MpiInactiveRule(f.Key, f.Value)),
        new MpiFortranBindingRule(),
        new MpiUnsupportedRule(),
    ];
}
