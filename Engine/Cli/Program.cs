using Enzyme.Cli;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm.Toolchain;

try
{
    LlvmFatalErrorReporter.Install();
}
catch (LlvmToolchainNotFoundException e)
{
    Console.Error.WriteLine(new EnzymeDiagnostic(DiagnosticCodes.ToolchainNotFound, e.Message).Format());
    return EnzymeAdCommand.Failure;
}
return EnzymeAdCommand.Run(args, Console.Out, Console.Error);
