using Enzyme.Engine.Analysis;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The bookkeeping that lets the reverse sweep replay a loop backwards. <see cref="Counter"/>
/// (an i64 alloca) counts iterations of the loop over the whole call: the forward sweep reads
/// it at the top of each iteration (<see cref="ForwardIndex"/>, the index of that iteration's
/// cache entries) and increments it; the reverse sweep decrements it as it re-enters each
/// earlier iteration, so it always holds the index of the iteration being reversed.
/// <see cref="StartValue"/>, read in the preheader, is the counter at the loop's entry: the
/// reverse sweep leaves the loop when the counter is back to it.
/// </summary>
internal sealed record LoopState(NaturalLoop Loop, LlvmValue Counter, LlvmValue ForwardIndex, LlvmValue StartValue, LlvmInstruction Increment);
