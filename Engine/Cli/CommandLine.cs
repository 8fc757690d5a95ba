using Enzyme.Engine.Pipeline;

namespace Enzyme.Cli;

/// <summary>The parsed command line: either pipeline options or a request for help or the version.</summary>
public sealed record CommandLine(PipelineOptions? Options, bool ShowHelp, bool ShowVersion, bool ShowReport = false);
