namespace Enzyme.Sdk.Tasks;

/// <summary>
/// What CMake reported about a project cannot be turned into <c>EnzymeSource</c> items (a
/// requested target does not exist, a source is generated, the reply is malformed); the
/// message says which and how to fix it.
/// </summary>
public sealed class CMakeImportException(string message) : Exception(message);
