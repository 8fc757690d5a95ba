namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>What happened to a translation unit of generated programs.</summary>
public enum FuzzOutcomeKind
{
    Passed,

    /// <summary>A derivative disagrees with finite differences, or forward and reverse mode disagree.</summary>
    WrongDerivative,

    /// <summary>The engine reported an <c>EnzymeException</c> (an ENZ code; ENZ0008 is a verifier failure).</summary>
    EngineError,

    /// <summary>The engine threw something other than an <c>EnzymeException</c>, or its process died.</summary>
    EngineCrash,

    /// <summary>The differentiated program crashed (signal, nonzero exit without a FUZZFAIL line).</summary>
    RuntimeCrash,

    /// <summary>The differentiated program did not finish in time.</summary>
    Timeout,

    /// <summary>Linking the engine's object file failed.</summary>
    LinkError,

    /// <summary>clang rejected the generated C, or the primal is not finite: a bug in the generator, not the engine.</summary>
    GeneratorBug,
}
