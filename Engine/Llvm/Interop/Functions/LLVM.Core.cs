using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop;

/// <summary>
/// Raw entry points of libLLVM, 1:1 with <c>llvm-c/*.h</c>: same names, blittable signatures
/// (<c>sbyte*</c> for <c>char*</c>, <c>int</c> for <c>LLVMBool</c>). This part: <c>Core.h</c>.
/// </summary>
public static unsafe partial class LLVM
{
    /// <summary>Logical library name; <see cref="NativeLibraryResolver"/> maps it to libLLVM.so.22.1.</summary>
    public const string LibraryName = "LLVM";

    // ---- Contexts and diagnostics ----
    [LibraryImport(LibraryName)] public static partial LLVMContextRef LLVMContextCreate();
    [LibraryImport(LibraryName)] public static partial void LLVMContextDispose(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial void LLVMContextSetDiagnosticHandler(LLVMContextRef C, delegate* unmanaged<LLVMDiagnosticInfoRef, void*, void> Handler, void* DiagnosticContext);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetDiagInfoDescription(LLVMDiagnosticInfoRef DI);
    [LibraryImport(LibraryName)] public static partial LLVMDiagnosticSeverity LLVMGetDiagInfoSeverity(LLVMDiagnosticInfoRef DI);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeMessage(sbyte* Message);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetMDKindIDInContext(LLVMContextRef C, sbyte* Name, uint SLen);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetEnumAttributeKindForName(sbyte* Name, nuint SLen);
    [LibraryImport(LibraryName)] public static partial LLVMAttributeRef LLVMCreateEnumAttribute(LLVMContextRef C, uint KindID, ulong Val);

    // ---- Modules ----
    [LibraryImport(LibraryName)] public static partial LLVMModuleRef LLVMModuleCreateWithNameInContext(sbyte* ModuleID, LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMModuleRef LLVMCloneModule(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeModule(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetModuleIdentifier(LLVMModuleRef M, nuint* Len);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetTarget(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial void LLVMSetTarget(LLVMModuleRef M, sbyte* Triple);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetDataLayoutStr(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial void LLVMSetDataLayout(LLVMModuleRef M, sbyte* DataLayoutStr);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMPrintModuleToString(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial LLVMContextRef LLVMGetModuleContext(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMAddFunction(LLVMModuleRef M, sbyte* Name, LLVMTypeRef FunctionTy);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetNamedFunction(LLVMModuleRef M, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetFirstFunction(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetNextFunction(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMAddGlobal(LLVMModuleRef M, LLVMTypeRef Ty, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetNamedGlobal(LLVMModuleRef M, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetFirstGlobal(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetNextGlobal(LLVMValueRef GlobalVar);

    // ---- Types ----
    [LibraryImport(LibraryName)] public static partial LLVMTypeKind LLVMGetTypeKind(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMContextRef LLVMGetTypeContext(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMPrintTypeToString(LLVMTypeRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMInt1TypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMInt8TypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMInt32TypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMInt64TypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMIntTypeInContext(LLVMContextRef C, uint NumBits);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetIntTypeWidth(LLVMTypeRef IntegerTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMHalfTypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMFloatTypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMDoubleTypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMX86FP80TypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMFP128TypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMVoidTypeInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMPointerTypeInContext(LLVMContextRef C, uint AddressSpace);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetPointerAddressSpace(LLVMTypeRef PointerTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMFunctionType(LLVMTypeRef ReturnType, LLVMTypeRef* ParamTypes, uint ParamCount, int IsVarArg);
    [LibraryImport(LibraryName)] public static partial int LLVMIsFunctionVarArg(LLVMTypeRef FunctionTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetReturnType(LLVMTypeRef FunctionTy);
    [LibraryImport(LibraryName)] public static partial uint LLVMCountParamTypes(LLVMTypeRef FunctionTy);
    [LibraryImport(LibraryName)] public static partial void LLVMGetParamTypes(LLVMTypeRef FunctionTy, LLVMTypeRef* Dest);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMStructTypeInContext(LLVMContextRef C, LLVMTypeRef* ElementTypes, uint ElementCount, int Packed);
    [LibraryImport(LibraryName)] public static partial uint LLVMCountStructElementTypes(LLVMTypeRef StructTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMStructGetTypeAtIndex(LLVMTypeRef StructTy, uint i);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetTypeByName2(LLVMContextRef C, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial int LLVMIsOpaqueStruct(LLVMTypeRef StructTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMArrayType2(LLVMTypeRef ElementType, ulong ElementCount);
    [LibraryImport(LibraryName)] public static partial ulong LLVMGetArrayLength2(LLVMTypeRef ArrayTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMVectorType(LLVMTypeRef ElementType, uint ElementCount);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetVectorSize(LLVMTypeRef VectorTy);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetElementType(LLVMTypeRef Ty);

    // ---- Values ----
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMTypeOf(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueKind LLVMGetValueKind(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetValueName2(LLVMValueRef Val, nuint* Length);
    [LibraryImport(LibraryName)] public static partial void LLVMSetValueName2(LLVMValueRef Val, sbyte* Name, nuint NameLen);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMPrintValueToString(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial void LLVMReplaceAllUsesWith(LLVMValueRef OldVal, LLVMValueRef NewVal);
    [LibraryImport(LibraryName)] public static partial int LLVMIsConstant(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial int LLVMIsUndef(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAFunction(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAInstruction(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsACallInst(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAGlobalVariable(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAArgument(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAConstantInt(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAConstantFP(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMIsAConstantExpr(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMUseRef LLVMGetFirstUse(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial LLVMUseRef LLVMGetNextUse(LLVMUseRef U);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetUser(LLVMUseRef U);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetUsedValue(LLVMUseRef U);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetOperand(LLVMValueRef Val, uint Index);
    [LibraryImport(LibraryName)] public static partial void LLVMSetOperand(LLVMValueRef User, uint Index, LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial int LLVMGetNumOperands(LLVMValueRef Val);

    // ---- Constants ----
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstNull(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstAllOnes(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetUndef(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetPoison(LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstInt(LLVMTypeRef IntTy, ulong N, int SignExtend);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMConstReal(LLVMTypeRef RealTy, double N);
    [LibraryImport(LibraryName)] public static partial ulong LLVMConstIntGetZExtValue(LLVMValueRef ConstantVal);
    [LibraryImport(LibraryName)] public static partial long LLVMConstIntGetSExtValue(LLVMValueRef ConstantVal);
    [LibraryImport(LibraryName)] public static partial double LLVMConstRealGetDouble(LLVMValueRef ConstantVal, int* losesInfo);

    // ---- Globals and functions ----
    [LibraryImport(LibraryName)] public static partial int LLVMIsDeclaration(LLVMValueRef Global);
    [LibraryImport(LibraryName)] public static partial LLVMLinkage LLVMGetLinkage(LLVMValueRef Global);
    [LibraryImport(LibraryName)] public static partial void LLVMSetLinkage(LLVMValueRef Global, LLVMLinkage Linkage);
    [LibraryImport(LibraryName)] public static partial LLVMModuleRef LLVMGetGlobalParent(LLVMValueRef Global);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGlobalGetValueType(LLVMValueRef Global);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetInitializer(LLVMValueRef GlobalVar);
    [LibraryImport(LibraryName)] public static partial void LLVMSetInitializer(LLVMValueRef GlobalVar, LLVMValueRef ConstantVal);
    [LibraryImport(LibraryName)] public static partial void LLVMSetThreadLocal(LLVMValueRef GlobalVar, int IsThreadLocal);
    [LibraryImport(LibraryName)] public static partial int LLVMIsThreadLocal(LLVMValueRef GlobalVar);
    [LibraryImport(LibraryName)] public static partial void LLVMDeleteFunction(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial uint LLVMCountParams(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetParam(LLVMValueRef Fn, uint Index);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetFunctionCallConv(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial void LLVMSetFunctionCallConv(LLVMValueRef Fn, uint CC);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetIntrinsicID(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial uint LLVMLookupIntrinsicID(sbyte* Name, nuint NameLen);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetIntrinsicDeclaration(LLVMModuleRef Mod, uint ID, LLVMTypeRef* ParamTypes, nuint ParamCount);
    [LibraryImport(LibraryName)] public static partial void LLVMAddAttributeAtIndex(LLVMValueRef F, uint Idx, LLVMAttributeRef A);
    [LibraryImport(LibraryName)] public static partial LLVMAttributeRef LLVMGetEnumAttributeAtIndex(LLVMValueRef F, uint Idx, uint KindID);
    [LibraryImport(LibraryName)] public static partial void LLVMRemoveEnumAttributeAtIndex(LLVMValueRef F, uint Idx, uint KindID);

    // ---- Basic blocks ----
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBasicBlockAsValue(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMValueAsBasicBlock(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial int LLVMValueIsBasicBlock(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetBasicBlockName(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetBasicBlockParent(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetBasicBlockTerminator(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial uint LLVMCountBasicBlocks(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetFirstBasicBlock(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetLastBasicBlock(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetEntryBasicBlock(LLVMValueRef Fn);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetNextBasicBlock(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetPreviousBasicBlock(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMAppendBasicBlockInContext(LLVMContextRef C, LLVMValueRef Fn, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial void LLVMDeleteBasicBlock(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial void LLVMMoveBasicBlockAfter(LLVMBasicBlockRef BB, LLVMBasicBlockRef MovePos);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetFirstInstruction(LLVMBasicBlockRef BB);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetLastInstruction(LLVMBasicBlockRef BB);

    // ---- Instructions ----
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetInstructionParent(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetNextInstruction(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetPreviousInstruction(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial void LLVMInstructionEraseFromParent(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial void LLVMInstructionRemoveFromParent(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMInstructionClone(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial LLVMOpcode LLVMGetInstructionOpcode(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial LLVMIntPredicate LLVMGetICmpPredicate(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial LLVMRealPredicate LLVMGetFCmpPredicate(LLVMValueRef Inst);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetNumSuccessors(LLVMValueRef Term);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetSuccessor(LLVMValueRef Term, uint i);
    [LibraryImport(LibraryName)] public static partial void LLVMSetSuccessor(LLVMValueRef Term, uint i, LLVMBasicBlockRef block);
    [LibraryImport(LibraryName)] public static partial int LLVMIsConditional(LLVMValueRef Branch);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetCondition(LLVMValueRef Branch);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetNumArgOperands(LLVMValueRef Instr);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetCalledValue(LLVMValueRef Instr);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetCalledFunctionType(LLVMValueRef C);
    [LibraryImport(LibraryName)] public static partial void LLVMAddIncoming(LLVMValueRef PhiNode, LLVMValueRef* IncomingValues, LLVMBasicBlockRef* IncomingBlocks, uint Count);
    [LibraryImport(LibraryName)] public static partial uint LLVMCountIncoming(LLVMValueRef PhiNode);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMGetIncomingValue(LLVMValueRef PhiNode, uint Index);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetIncomingBlock(LLVMValueRef PhiNode, uint Index);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetGEPSourceElementType(LLVMValueRef GEP);
    [LibraryImport(LibraryName)] public static partial LLVMTypeRef LLVMGetAllocatedType(LLVMValueRef Alloca);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetDebugLocDirectory(LLVMValueRef Val, uint* Length);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetDebugLocFilename(LLVMValueRef Val, uint* Length);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetDebugLocLine(LLVMValueRef Val);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetDebugLocColumn(LLVMValueRef Val);

    // ---- Instruction builder ----
    [LibraryImport(LibraryName)] public static partial LLVMBuilderRef LLVMCreateBuilderInContext(LLVMContextRef C);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeBuilder(LLVMBuilderRef Builder);
    [LibraryImport(LibraryName)] public static partial void LLVMPositionBuilder(LLVMBuilderRef Builder, LLVMBasicBlockRef Block, LLVMValueRef Instr);
    [LibraryImport(LibraryName)] public static partial void LLVMPositionBuilderBefore(LLVMBuilderRef Builder, LLVMValueRef Instr);
    [LibraryImport(LibraryName)] public static partial void LLVMPositionBuilderAtEnd(LLVMBuilderRef Builder, LLVMBasicBlockRef Block);
    [LibraryImport(LibraryName)] public static partial void LLVMPositionBuilderBeforeInstrAndDbgRecords(LLVMBuilderRef Builder, LLVMValueRef Instr);
    [LibraryImport(LibraryName)] public static partial LLVMBasicBlockRef LLVMGetInsertBlock(LLVMBuilderRef Builder);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildRetVoid(LLVMBuilderRef B);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildRet(LLVMBuilderRef B, LLVMValueRef V);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildBr(LLVMBuilderRef B, LLVMBasicBlockRef Dest);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildCondBr(LLVMBuilderRef B, LLVMValueRef If, LLVMBasicBlockRef Then, LLVMBasicBlockRef Else);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildSwitch(LLVMBuilderRef B, LLVMValueRef V, LLVMBasicBlockRef Else, uint NumCases);
    [LibraryImport(LibraryName)] public static partial void LLVMAddCase(LLVMValueRef Switch, LLVMValueRef OnVal, LLVMBasicBlockRef Dest);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildUnreachable(LLVMBuilderRef B);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildBinOp(LLVMBuilderRef B, LLVMOpcode Op, LLVMValueRef LHS, LLVMValueRef RHS, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildFNeg(LLVMBuilderRef B, LLVMValueRef V, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildICmp(LLVMBuilderRef B, LLVMIntPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildFCmp(LLVMBuilderRef B, LLVMRealPredicate Op, LLVMValueRef LHS, LLVMValueRef RHS, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildSelect(LLVMBuilderRef B, LLVMValueRef If, LLVMValueRef Then, LLVMValueRef Else, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildPhi(LLVMBuilderRef B, LLVMTypeRef Ty, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildAlloca(LLVMBuilderRef B, LLVMTypeRef Ty, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildArrayAlloca(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Val, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildLoad2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef PointerVal, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildStore(LLVMBuilderRef B, LLVMValueRef Val, LLVMValueRef Ptr);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, LLVMValueRef* Indices, uint NumIndices, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildInBoundsGEP2(LLVMBuilderRef B, LLVMTypeRef Ty, LLVMValueRef Pointer, LLVMValueRef* Indices, uint NumIndices, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildMemSet(LLVMBuilderRef B, LLVMValueRef Ptr, LLVMValueRef Val, LLVMValueRef Len, uint Align);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildMemCpy(LLVMBuilderRef B, LLVMValueRef Dst, uint DstAlign, LLVMValueRef Src, uint SrcAlign, LLVMValueRef Size);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildCast(LLVMBuilderRef B, LLVMOpcode Op, LLVMValueRef Val, LLVMTypeRef DestTy, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial int LLVMIntrinsicIsOverloaded(uint ID);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildGlobalString(LLVMBuilderRef B, sbyte* Str, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildCall2(LLVMBuilderRef B, LLVMTypeRef FnTy, LLVMValueRef Fn, LLVMValueRef* Args, uint NumArgs, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildExtractValue(LLVMBuilderRef B, LLVMValueRef AggVal, uint Index, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildInsertValue(LLVMBuilderRef B, LLVMValueRef AggVal, LLVMValueRef EltVal, uint Index, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildExtractElement(LLVMBuilderRef B, LLVMValueRef VecVal, LLVMValueRef Index, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildInsertElement(LLVMBuilderRef B, LLVMValueRef VecVal, LLVMValueRef EltVal, LLVMValueRef Index, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildAtomicRMW(LLVMBuilderRef B, LLVMAtomicRMWBinOp op, LLVMValueRef PTR, LLVMValueRef Val, LLVMAtomicOrdering ordering, int singleThread);
    [LibraryImport(LibraryName)] public static partial LLVMValueRef LLVMBuildAtomicRMWSyncScope(LLVMBuilderRef B, LLVMAtomicRMWBinOp op, LLVMValueRef PTR, LLVMValueRef Val, LLVMAtomicOrdering ordering, uint SSID);
    [LibraryImport(LibraryName)] public static partial LLVMAtomicRMWBinOp LLVMGetAtomicRMWBinOp(LLVMValueRef AtomicRMWInst);
    [LibraryImport(LibraryName)] public static partial LLVMAtomicOrdering LLVMGetOrdering(LLVMValueRef MemoryAccessInst);
    [LibraryImport(LibraryName)] public static partial void LLVMSetOrdering(LLVMValueRef MemoryAccessInst, LLVMAtomicOrdering Ordering);
    [LibraryImport(LibraryName)] public static partial int LLVMGetWeak(LLVMValueRef CmpXchgInst);
    [LibraryImport(LibraryName)] public static partial LLVMAtomicOrdering LLVMGetCmpXchgSuccessOrdering(LLVMValueRef CmpXchgInst);
    [LibraryImport(LibraryName)] public static partial uint LLVMGetAtomicSyncScopeID(LLVMValueRef AtomicInst);

    // ---- Memory buffers ----
    [LibraryImport(LibraryName)] public static partial int LLVMCreateMemoryBufferWithContentsOfFile(sbyte* Path, LLVMMemoryBufferRef* OutMemBuf, sbyte** OutMessage);
    [LibraryImport(LibraryName)] public static partial LLVMMemoryBufferRef LLVMCreateMemoryBufferWithMemoryRangeCopy(sbyte* InputData, nuint InputDataLength, sbyte* BufferName);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetBufferStart(LLVMMemoryBufferRef MemBuf);
    [LibraryImport(LibraryName)] public static partial nuint LLVMGetBufferSize(LLVMMemoryBufferRef MemBuf);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeMemoryBuffer(LLVMMemoryBufferRef MemBuf);

    // ---- Version ----
    [LibraryImport(LibraryName)] public static partial void LLVMGetVersion(uint* Major, uint* Minor, uint* Patch);
}
