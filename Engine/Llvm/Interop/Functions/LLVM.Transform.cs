using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop;

// Core.h and DebugInfo.h entry points the engine needs to clone and transform functions:
// instruction insertion, class tests, constants, shuffle masks, attributes, debug locations.
public static unsafe partial class LLVM
{
    public const uint LLVMAttributeFunctionIndex = uint.MaxValue;
    public const uint LLVMAttributeReturnIndex = 0;

    [LibraryImport(LibraryName)] public static partial void LLVMInsertIntoBuilderWithName(LLVMBuilderRef Builder, LLVMValueRef Instr, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAPHINode(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAAllocaInst(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsALoadInst(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAStoreInst(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAInlineAsm(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAGlobalValue(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAConstantPointerNull(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAUndefValue(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAPoisonValue(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAConstantDataSequential(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAIntrinsicInst(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAInvokeInst(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsATerminatorInst(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial int LLVMTypeIsSized(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetFirstParam(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetAsString(LLVMValueRef c, nuint* Length);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetAggregateElement(LLVMValueRef C, uint Idx);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstVector(LLVMValueRef* ScalarConstantVals, uint Size);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstArray2(LLVMTypeRef ElementTy, LLVMValueRef* ConstantVals, ulong Length);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstStructInContext(LLVMContextRef C, LLVMValueRef* ConstantVals, uint Count, int Packed);
    [LibraryImport(LibraryName)] public static partial int LLVMIsGlobalConstant(LLVMValueRef GlobalVar);
    [LibraryImport(LibraryName)] public static partial void LLVMSetGlobalConstant(LLVMValueRef GlobalVar, int IsConstant);
    [LibraryImport(LibraryName)] public static partial void LLVMSetUnnamedAddress(LLVMValueRef Global, LLVMUnnamedAddr UnnamedAddr);
    [LibraryImport(LibraryName)] public static partial void LLVMSetVisibility(LLVMValueRef Global, LLVMVisibility Viz);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetAlignment(LLVMValueRef V);
    [LibraryImport(LibraryName)] public static partial void LLVMSetAlignment(LLVMValueRef V, uint Bytes);
    [LibraryImport(LibraryName)] public static partial int LLVMGetVolatile(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetNumIndices(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial uint* LLVMGetIndices(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetNumMaskElements(LLVMValueRef ShuffleVectorInst);
    [LibraryImport(LibraryName)] public static partial int LLVMGetUndefMaskElem();
    [LibraryImport(LibraryName)] public static partial int LLVMGetMaskValue(LLVMValueRef ShuffleVectorInst, uint Elt);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMIntrinsicGetType(LLVMContextRef Ctx, uint ID, LLVMTypeRef* ParamTypes, nuint ParamCount);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildShuffleVector(LLVMBuilderRef B, LLVMValueRef V1, LLVMValueRef V2, LLVMValueRef Mask, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildMemMove(LLVMBuilderRef B, LLVMValueRef Dst, uint DstAlign, LLVMValueRef Src, uint SrcAlign, LLVMValueRef Size);
    [LibraryImport(LibraryName)] public static partial LLVMTargetDataRef LLVMGetModuleDataLayout(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial LLVMMetadataRef LLVMInstructionGetDebugLoc(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial void LLVMInstructionSetDebugLoc(LLVMValueRef Inst, LLVMMetadataRef Loc);
    [LibraryImport(LibraryName)] public static partial void LLVMSetTailCall(LLVMValueRef CallInst, int IsTailCall);
    [LibraryImport(LibraryName)] public static partial void LLVMSetInstructionCallConv(LLVMValueRef Instr, uint CC);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetInstructionCallConv(LLVMValueRef Instr);
    [LibraryImport(LibraryName)] public static partial void LLVMAddCallSiteAttribute(LLVMValueRef C, uint Idx, LLVMAttributeRef A);
    [LibraryImport(LibraryName)] public static partial LLVMAttributeRef LLVMCreateStringAttribute(LLVMContextRef C, sbyte* K, uint KLength, sbyte* V, uint VLength);
    [LibraryImport(LibraryName)] public static partial void LLVMRemoveStringAttributeAtIndex(LLVMValueRef F, uint Idx, sbyte* K, uint KLen);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetAttributeCountAtIndex(LLVMValueRef F, uint Idx);
    [LibraryImport(LibraryName)] public static partial void LLVMGetAttributesAtIndex(LLVMValueRef F, uint Idx, LLVMAttributeRef* Attrs);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetEnumAttributeKind(LLVMAttributeRef A);
    [LibraryImport(LibraryName)] public static partial int LLVMIsEnumAttribute(LLVMAttributeRef A);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMSizeOf(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAGlobalAlias(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMAliasGetAliasee(LLVMValueRef Alias);
    [LibraryImport(LibraryName)] public static partial LLVMOpcode LLVMGetConstOpcode(LLVMValueRef ConstantVal);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildIntCast2(LLVMBuilderRef B, LLVMValueRef Val, LLVMTypeRef DestTy, int IsSigned, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildFPCast(LLVMBuilderRef B, LLVMValueRef Val, LLVMTypeRef DestTy, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial void LLVMSetMetadata(LLVMValueRef Val, uint KindID, LLVMValueRef Node);
    [LibraryImport(LibraryName)] public static partial LLVMAttributeRef LLVMGetCallSiteEnumAttribute(LLVMValueRef C, uint Idx, uint KindID);
    [LibraryImport(LibraryName)] public static partial int LLVMHasPersonalityFn(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetPersonalityFn(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial void LLVMSetPersonalityFn(LLVMValueRef Fn, LLVMValueRef PersonalityFn);
    [LibraryImport(LibraryName)] public static partial int LLVMIsStringAttribute(LLVMAttributeRef A);
    [LibraryImport(LibraryName)] public static partial int LLVMIsTypeAttribute(LLVMAttributeRef A);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetTypeAttributeValue(LLVMAttributeRef A);
    public const uint LLVMFastMathAllowReassoc = 1u << 0;
    public const uint LLVMFastMathNoSignedZeros = 1u << 3;
    public const uint LLVMFastMathAllowContract = 1u << 5;
    [LibraryImport(LibraryName)] public static partial uint LLVMGetFastMathFlags(LLVMValueRef FPMathInst);
    [LibraryImport(LibraryName)] public static partial void LLVMSetFastMathFlags(LLVMValueRef FPMathInst, uint FMF);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMInsertBasicBlockInContext(LLVMContextRef C, LLVMBasicBlockRef BB, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildStructGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, uint Idx, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial ulong LLVMGetEnumAttributeValue(LLVMAttributeRef A);
}
