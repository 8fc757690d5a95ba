// Every fixture works in its own temp folders with its own NuGet cache, so fixtures run side by
// side; the builds are mostly waiting on child processes, hence more workers than cores.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(4)]
