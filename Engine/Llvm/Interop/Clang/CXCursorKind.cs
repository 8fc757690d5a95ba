namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// libclang's <c>enum CXCursorKind</c> (clang-c/Index.h, LLVM 22): the declarations, references,
/// invalid markers, a few expressions/statements/attributes and the preprocessing kinds that a C
/// declaration reader meets. Values we do not list can still arrive from libclang; they are just unnamed here.
/// </summary>
public enum CXCursorKind
{
    // ---- Declarations ----
    CXCursor_UnexposedDecl = 1,
    CXCursor_StructDecl = 2,
    CXCursor_UnionDecl = 3,
    CXCursor_ClassDecl = 4,
    CXCursor_EnumDecl = 5,
    CXCursor_FieldDecl = 6,
    CXCursor_EnumConstantDecl = 7,
    CXCursor_FunctionDecl = 8,
    CXCursor_VarDecl = 9,
    CXCursor_ParmDecl = 10,
    CXCursor_TypedefDecl = 20,
    CXCursor_CXXMethod = 21,
    CXCursor_Namespace = 22,
    CXCursor_LinkageSpec = 23,
    CXCursor_TypeAliasDecl = 36,

    // ---- References ----
    CXCursor_TypeRef = 43,
    CXCursor_MemberRef = 47,
    CXCursor_LabelRef = 48,
    CXCursor_OverloadedDeclRef = 49,
    CXCursor_VariableRef = 50,

    // ---- Invalid cursors ----
    CXCursor_InvalidFile = 70,
    CXCursor_NoDeclFound = 71,
    CXCursor_NotImplemented = 72,
    CXCursor_InvalidCode = 73,

    // ---- Expressions ----
    CXCursor_UnexposedExpr = 100,
    CXCursor_DeclRefExpr = 101,
    CXCursor_MemberRefExpr = 102,
    CXCursor_CallExpr = 103,
    CXCursor_IntegerLiteral = 106,
    CXCursor_FloatingLiteral = 107,
    CXCursor_StringLiteral = 109,
    CXCursor_CharacterLiteral = 110,
    CXCursor_ParenExpr = 111,
    CXCursor_UnaryOperator = 112,
    CXCursor_ArraySubscriptExpr = 113,
    CXCursor_BinaryOperator = 114,
    CXCursor_CStyleCastExpr = 117,
    CXCursor_InitListExpr = 119,

    // ---- Statements ----
    CXCursor_UnexposedStmt = 200,
    CXCursor_CompoundStmt = 202,
    CXCursor_IfStmt = 205,
    CXCursor_ForStmt = 209,
    CXCursor_ReturnStmt = 214,
    CXCursor_NullStmt = 230,
    CXCursor_DeclStmt = 231,

    CXCursor_TranslationUnit = 350,

    // ---- Attributes ----
    CXCursor_UnexposedAttr = 400,
    CXCursor_AsmLabelAttr = 407,
    CXCursor_PackedAttr = 408,
    CXCursor_PureAttr = 409,
    CXCursor_ConstAttr = 410,
    CXCursor_VisibilityAttr = 417,
    CXCursor_DLLExport = 418,
    CXCursor_DLLImport = 419,
    CXCursor_WarnUnusedResultAttr = 440,
    CXCursor_AlignedAttr = 441,

    // ---- Preprocessing (only with CXTranslationUnit_DetailedPreprocessingRecord) ----
    CXCursor_PreprocessingDirective = 500,
    CXCursor_MacroDefinition = 501,
    CXCursor_MacroExpansion = 502,
    CXCursor_InclusionDirective = 503,

    // ---- Extra declarations ----
    CXCursor_StaticAssert = 602,
}
