namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// Runs the engine on bitcode <paramref name="inputs"/>, writing the object file <paramref name="output"/>; returns
/// null on success, or the failure (<see cref="FuzzOutcomeKind.EngineError"/> or <see cref="FuzzOutcomeKind.EngineCrash"/>).
/// </summary>
public delegate FuzzOutcome? FuzzEngine(IReadOnlyList<string> inputs, string output);
