using System.Text;

namespace Enzyme.Engine.Rules;

/// <summary>
/// Differentiable LLVM IR bodies for the Fortran runtime entry points flang calls for array
/// intrinsics (<c>sum</c>, <c>product</c>, <c>maxval</c>, <c>minval</c>, <c>norm2</c>,
/// <c>dot_product</c>, <c>matmul</c>) and for whole-array assignment (<c>_FortranAAssign</c>),
/// for <c>real(4)</c> and <c>real(8)</c>. The runtime library is compiled C++ without bitcode, so
/// the engine cannot look inside it; these bodies compute the same results from the array
/// descriptors (CFI layout: base address, element length, version, rank, type, attribute, then
/// per dimension lower bound, extent and byte stride) with plain loops the modes differentiate
/// like any user code. Cases the bodies do not cover (a <c>DIM</c> or <c>MASK</c> argument, a
/// non-real assignment, a scalar assigned to an unallocated allocatable) call the real runtime
/// function, which the engine then reports (ENZ2009) if active data reaches it. Those fallback calls mark
/// the descriptors <c>captures(none)</c> (the runtime keeps no descriptor address), so that the caller's
/// descriptor temporaries stay local and their fields can be forwarded into the checks.
/// </summary>
public static class FortranRuntimeDefinitions
{
    /// <summary>The prefix of every definition: <c>__enzyme_sdk_fortran_</c> + the runtime name.</summary>
    public const string Prefix = "__enzyme_sdk_fortran_";

    /// <summary>The prefix of every flang runtime entry point (Fortran runtime API, <c>RTNAME</c>).</summary>
    public const string RuntimePrefix = "_FortranA";

    // huge(x) and -huge(x) as IR hexadecimal constants (a float constant is written as the double of the same value).
    private static readonly (string Kind, string Type, int Size, string Huge, string NegativeHuge)[] RealKinds =
    [
        ("4", "float", 4, "0x47EFFFFFE0000000", "0xC7EFFFFFE0000000"),
        ("8", "double", 8, "0x7FEFFFFFFFFFFFFF", "0xFFEFFFFFFFFFFFFF"),
    ];

    /// <summary>
    /// The assignment of real arrays without the type check: calls that <see cref="AssignsRealName"/> was proven
    /// to be true for are redirected here.
    /// </summary>
    public const string AssignRealName = Prefix + "assign_real";

    /// <summary>Whether both descriptors of an assignment hold real(8), or both real(4), elements.</summary>
    public const string AssignsRealName = Prefix + "assigns_real";

    // CFI type codes of real(4) and real(8) (flang's ISO_Fortran_binding.h).
    private const int FloatTypeCode = 27;
    private const int DoubleTypeCode = 28;

    /// <summary>The runtime entry points that have a definition here.</summary>
    public static IReadOnlySet<string> SupportedNames { get; } = BuildSupportedNames();

    /// <summary>The name of the definition that replaces calls to <paramref name="runtimeName"/>.</summary>
    public static string DefinitionName(string runtimeName) => Prefix + runtimeName;

    /// <summary>All definitions as one IR module (they share the descriptor helpers).</summary>
    public static string Module { get; } = BuildModule();

    private static HashSet<string> BuildSupportedNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "_FortranAAssign" };
        foreach ((string kind, _, _, _, _) in RealKinds)
        {
            foreach (string reduction in new[] { "Sum", "Product", "Maxval", "Minval", "DotProduct" })
            {
                names.Add($"{RuntimePrefix}{reduction}Real{kind}");
            }
            names.Add($"{RuntimePrefix}Norm2_{kind}");
            names.Add($"{RuntimePrefix}MatmulReal{kind}Real{kind}");
        }
        return names;
    }

    private static string BuildModule()
    {
        var text = new StringBuilder(DescriptorHelpers);
        foreach ((string kind, string type, int size, string huge, string negativeHuge) in RealKinds)
        {
            text.Append(Reduction($"SumReal{kind}", type, "0.0", $"%acc.next = fadd {type} %acc, %x"));
            text.Append(Reduction($"ProductReal{kind}", type, "1.0", $"%acc.next = fmul {type} %acc, %x"));
            text.Append(Extremum($"MaxvalReal{kind}", type, negativeHuge, "ogt"));
            text.Append(Extremum($"MinvalReal{kind}", type, huge, "olt"));
            text.Append(Norm2(kind, type));
            text.Append(DotProduct(kind, type));
            text.Append(Matmul(kind, type, size));
            text.Append(CopyElements(type, size));
        }
        text.Append(Assign());
        return text.ToString();
    }

    // Integer-only helpers over a descriptor. The element with column-major linear index k
    // lies at the byte offset sum_d ((k / prod_{j<d} extent_j) mod extent_d) * stride_d,
    // which covers every rank, sections and negative strides alike; a scalar (rank 0) has
    // one element at offset 0.
    private const string DescriptorHelpers = """
        define i64 @__enzyme_sdk_fortran_rank(ptr %d) #0 {
          %p = getelementptr inbounds i8, ptr %d, i64 20
          %r = load i8, ptr %p
          %z = zext i8 %r to i64
          ret i64 %z
        }

        define i64 @__enzyme_sdk_fortran_dim_field(ptr %d, i64 %dim, i64 %field) #0 {
          %o = mul i64 %dim, 24
          %o1 = add i64 %o, 24
          %o2 = add i64 %o1, %field
          %p = getelementptr inbounds i8, ptr %d, i64 %o2
          %v = load i64, ptr %p
          ret i64 %v
        }

        define i64 @__enzyme_sdk_fortran_extent(ptr %d, i64 %dim) #0 {
          %v = call i64 @__enzyme_sdk_fortran_dim_field(ptr %d, i64 %dim, i64 8)
          ret i64 %v
        }

        define i64 @__enzyme_sdk_fortran_stride(ptr %d, i64 %dim) #0 {
          %v = call i64 @__enzyme_sdk_fortran_dim_field(ptr %d, i64 %dim, i64 16)
          ret i64 %v
        }

        define i64 @__enzyme_sdk_fortran_count(ptr %d) #0 {
        entry:
          %rank = call i64 @__enzyme_sdk_fortran_rank(ptr %d)
          br label %loop
        loop:
          %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
          %n = phi i64 [ 1, %entry ], [ %n.next, %body ]
          %more = icmp ult i64 %i, %rank
          br i1 %more, label %body, label %done
        body:
          %e = call i64 @__enzyme_sdk_fortran_extent(ptr %d, i64 %i)
          %n.next = mul i64 %n, %e
          %i.next = add nuw i64 %i, 1
          br label %loop
        done:
          ret i64 %n
        }

        define i64 @__enzyme_sdk_fortran_offset(ptr %d, i64 %k) #0 {
        entry:
          %rank = call i64 @__enzyme_sdk_fortran_rank(ptr %d)
          br label %loop
        loop:
          %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
          %rem = phi i64 [ %k, %entry ], [ %q, %body ]
          %off = phi i64 [ 0, %entry ], [ %off.next, %body ]
          %more = icmp ult i64 %i, %rank
          br i1 %more, label %body, label %done
        body:
          %e = call i64 @__enzyme_sdk_fortran_extent(ptr %d, i64 %i)
          %s = call i64 @__enzyme_sdk_fortran_stride(ptr %d, i64 %i)
          %q = udiv i64 %rem, %e
          %qe = mul i64 %q, %e
          %idx = sub i64 %rem, %qe
          %step = mul i64 %idx, %s
          %off.next = add i64 %off, %step
          %i.next = add nuw i64 %i, 1
          br label %loop
        done:
          ret i64 %off
        }

        ; Same extents in every dimension (the ranks are equal).
        define i1 @__enzyme_sdk_fortran_same_shape(ptr %a, ptr %b) #0 {
        entry:
          %rank = call i64 @__enzyme_sdk_fortran_rank(ptr %a)
          br label %loop
        loop:
          %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
          %more = icmp ult i64 %i, %rank
          br i1 %more, label %body, label %same
        body:
          %ea = call i64 @__enzyme_sdk_fortran_extent(ptr %a, i64 %i)
          %eb = call i64 @__enzyme_sdk_fortran_extent(ptr %b, i64 %i)
          %eq = icmp eq i64 %ea, %eb
          %i.next = add nuw i64 %i, 1
          br i1 %eq, label %loop, label %different
        same:
          ret i1 true
        different:
          ret i1 false
        }

        ; The lowest and one-past-highest byte address the array's elements occupy.
        define { i64, i64 } @__enzyme_sdk_fortran_byte_range(ptr %d) #0 {
        entry:
          %base.p = load ptr, ptr %d
          %base = ptrtoint ptr %base.p to i64
          %len.p = getelementptr inbounds i8, ptr %d, i64 8
          %len = load i64, ptr %len.p
          %rank = call i64 @__enzyme_sdk_fortran_rank(ptr %d)
          br label %loop
        loop:
          %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
          %lo = phi i64 [ %base, %entry ], [ %lo.next, %body ]
          %hi = phi i64 [ %base, %entry ], [ %hi.next, %body ]
          %more = icmp ult i64 %i, %rank
          br i1 %more, label %body, label %done
        body:
          %e = call i64 @__enzyme_sdk_fortran_extent(ptr %d, i64 %i)
          %s = call i64 @__enzyme_sdk_fortran_stride(ptr %d, i64 %i)
          %last = add i64 %e, -1
          %span = mul i64 %last, %s
          %down = icmp slt i64 %span, 0
          %lo.step = select i1 %down, i64 %span, i64 0
          %hi.step = select i1 %down, i64 0, i64 %span
          %lo.next = add i64 %lo, %lo.step
          %hi.next = add i64 %hi, %hi.step
          %i.next = add nuw i64 %i, 1
          br label %loop
        done:
          %end = add i64 %hi, %len
          %r0 = insertvalue { i64, i64 } undef, i64 %lo, 0
          %r1 = insertvalue { i64, i64 } %r0, i64 %end, 1
          ret { i64, i64 } %r1
        }

        ; The runtime reductions take DIM = 0 and MASK = null for a whole-array reduction; a
        ; rank-1 array reduced along DIM = 1 is the same thing.
        define i1 @__enzyme_sdk_fortran_whole_reduction(ptr %d, i32 %dim, ptr %mask) #0 {
          %rank = call i64 @__enzyme_sdk_fortran_rank(ptr %d)
          %nodim = icmp eq i32 %dim, 0
          %dim1 = icmp eq i32 %dim, 1
          %rank1 = icmp eq i64 %rank, 1
          %along = and i1 %dim1, %rank1
          %dimok = or i1 %nodim, %along
          %nomask = icmp eq ptr %mask, null
          %ok = and i1 %dimok, %nomask
          ret i1 %ok
        }

        declare ptr @malloc(i64)
        declare void @free(ptr)
        declare void @_FortranAAssign(ptr, ptr, ptr, i32)
        declare void @_FortranAReportFatalUserError(ptr, ptr, i32)

        @__enzyme_sdk_fortran_unallocated_message = private unnamed_addr constant [53 x i8] c"assignment of a scalar to an unallocated allocatable\00"

        attributes #0 = { alwaysinline nounwind }

        """;

    // A fold over the elements in column-major order: sum and product.
    private static string Reduction(string entry, string type, string initial, string step) => $$"""
        declare {{type}} @{{RuntimePrefix}}{{entry}}(ptr, ptr, i32, i32, ptr)

        define {{type}} @{{Prefix}}{{RuntimePrefix}}{{entry}}(ptr %a, ptr %file, i32 %line, i32 %dim, ptr %mask) #0 {
        entry:
          %whole = call i1 @__enzyme_sdk_fortran_whole_reduction(ptr %a, i32 %dim, ptr %mask)
          br i1 %whole, label %start, label %runtime
        runtime:
          %r = call {{type}} @{{RuntimePrefix}}{{entry}}(ptr captures(none) %a, ptr %file, i32 %line, i32 %dim, ptr captures(none) %mask)
          ret {{type}} %r
        start:
          %n = call i64 @__enzyme_sdk_fortran_count(ptr %a)
          %base = load ptr, ptr %a
          br label %loop
        loop:
          %k = phi i64 [ 0, %start ], [ %k.next, %body ]
          %acc = phi {{type}} [ {{initial}}, %start ], [ %acc.next, %body ]
          %more = icmp ult i64 %k, %n
          br i1 %more, label %body, label %done
        body:
          %off = call i64 @__enzyme_sdk_fortran_offset(ptr %a, i64 %k)
          %p = getelementptr inbounds i8, ptr %base, i64 %off
          %x = load {{type}}, ptr %p
          {{step}}
          %k.next = add nuw i64 %k, 1
          br label %loop
        done:
          ret {{type}} %acc
        }


        """;

    // maxval/minval: the largest (smallest) element; -huge (huge) for an empty array, as the runtime returns.
    private static string Extremum(string entry, string type, string initial, string predicate) => Reduction(entry, type, initial,
        $"%acc.cmp = fcmp {predicate} {type} %x, %acc\n  %acc.next = select i1 %acc.cmp, {type} %x, {type} %acc");

    private static string Norm2(string kind, string type) => $$"""
        declare {{type}} @{{RuntimePrefix}}Norm2_{{kind}}(ptr, ptr, i32, i32)

        define {{type}} @{{Prefix}}{{RuntimePrefix}}Norm2_{{kind}}(ptr %a, ptr %file, i32 %line, i32 %dim) #0 {
        entry:
          %whole = call i1 @__enzyme_sdk_fortran_whole_reduction(ptr %a, i32 %dim, ptr null)
          br i1 %whole, label %start, label %runtime
        runtime:
          %r = call {{type}} @{{RuntimePrefix}}Norm2_{{kind}}(ptr captures(none) %a, ptr %file, i32 %line, i32 %dim)
          ret {{type}} %r
        start:
          %n = call i64 @__enzyme_sdk_fortran_count(ptr %a)
          %base = load ptr, ptr %a
          br label %loop
        loop:
          %k = phi i64 [ 0, %start ], [ %k.next, %body ]
          %acc = phi {{type}} [ 0.0, %start ], [ %acc.next, %body ]
          %more = icmp ult i64 %k, %n
          br i1 %more, label %body, label %done
        body:
          %off = call i64 @__enzyme_sdk_fortran_offset(ptr %a, i64 %k)
          %p = getelementptr inbounds i8, ptr %base, i64 %off
          %x = load {{type}}, ptr %p
          %xx = fmul {{type}} %x, %x
          %acc.next = fadd {{type}} %acc, %xx
          %k.next = add nuw i64 %k, 1
          br label %loop
        done:
          %root = call {{type}} @llvm.sqrt.{{(type == "float" ? "f32" : "f64")}}({{type}} %acc)
          ret {{type}} %root
        }

        declare {{type}} @llvm.sqrt.{{(type == "float" ? "f32" : "f64")}}({{type}})


        """;

    // dot_product of two rank-1 arrays (the language requires both to be vectors of one size).
    private static string DotProduct(string kind, string type) => $$"""
        define {{type}} @{{Prefix}}{{RuntimePrefix}}DotProductReal{{kind}}(ptr %x, ptr %y, ptr %file, i32 %line) #0 {
        start:
          %n = call i64 @__enzyme_sdk_fortran_extent(ptr %x, i64 0)
          %sx = call i64 @__enzyme_sdk_fortran_stride(ptr %x, i64 0)
          %sy = call i64 @__enzyme_sdk_fortran_stride(ptr %y, i64 0)
          %bx = load ptr, ptr %x
          %by = load ptr, ptr %y
          br label %loop
        loop:
          %k = phi i64 [ 0, %start ], [ %k.next, %body ]
          %acc = phi {{type}} [ 0.0, %start ], [ %acc.next, %body ]
          %more = icmp ult i64 %k, %n
          br i1 %more, label %body, label %done
        body:
          %ox = mul i64 %k, %sx
          %oy = mul i64 %k, %sy
          %px = getelementptr inbounds i8, ptr %bx, i64 %ox
          %py = getelementptr inbounds i8, ptr %by, i64 %oy
          %vx = load {{type}}, ptr %px
          %vy = load {{type}}, ptr %py
          %xy = fmul {{type}} %vx, %vy
          %acc.next = fadd {{type}} %acc, %xy
          %k.next = add nuw i64 %k, 1
          br label %loop
        done:
          ret {{type}} %acc
        }


        """;

    // matmul(x, y) into the unallocated allocatable temporary flang passes as the result, which is
    // allocated with malloc (flang's code frees it) and laid out contiguously with lower bounds 1:
    // matrix x matrix gives an m x n matrix, matrix x vector m elements, vector x matrix n elements
    // (flang rejects other ranks at compile time). x(i,k) and y(k,j) are read through their byte
    // strides; a rank-1 operand has no i (x) or j (y) stride.
    private static string Matmul(string kind, string type, int size) => $$"""
        define void @{{Prefix}}{{RuntimePrefix}}MatmulReal{{kind}}Real{{kind}}(ptr %res, ptr %x, ptr %y, ptr %file, i32 %line) #0 {
        entry:
          %xr = call i64 @__enzyme_sdk_fortran_rank(ptr %x)
          %yr = call i64 @__enzyme_sdk_fortran_rank(ptr %y)
          %x2 = icmp eq i64 %xr, 2
          %y2 = icmp eq i64 %yr, 2
          br label %start
        start:
          %x.e0 = call i64 @__enzyme_sdk_fortran_extent(ptr %x, i64 0)
          %x.e1 = call i64 @__enzyme_sdk_fortran_extent(ptr %x, i64 1)
          %x.s0 = call i64 @__enzyme_sdk_fortran_stride(ptr %x, i64 0)
          %x.s1 = call i64 @__enzyme_sdk_fortran_stride(ptr %x, i64 1)
          %y.e0 = call i64 @__enzyme_sdk_fortran_extent(ptr %y, i64 0)
          %y.e1 = call i64 @__enzyme_sdk_fortran_extent(ptr %y, i64 1)
          %y.s0 = call i64 @__enzyme_sdk_fortran_stride(ptr %y, i64 0)
          %y.s1 = call i64 @__enzyme_sdk_fortran_stride(ptr %y, i64 1)
          %m = select i1 %x2, i64 %x.e0, i64 1
          %inner = select i1 %x2, i64 %x.e1, i64 %x.e0
          %n = select i1 %y2, i64 %y.e1, i64 1
          %xi = select i1 %x2, i64 %x.s0, i64 0
          %xk = select i1 %x2, i64 %x.s1, i64 %x.s0
          %yj = select i1 %y2, i64 %y.s1, i64 0
          %count = mul i64 %m, %n
          %bytes = mul i64 %count, {{size}}
          %empty = icmp eq i64 %bytes, 0
          %request = select i1 %empty, i64 1, i64 %bytes
          %mem = call ptr @malloc(i64 %request)
          store ptr %mem, ptr %res
          %len.p = getelementptr inbounds i8, ptr %res, i64 8
          store i64 {{size}}, ptr %len.p
          %both2 = and i1 %x2, %y2
          %rrank = select i1 %both2, i8 2, i8 1
          %rank.p = getelementptr inbounds i8, ptr %res, i64 20
          store i8 %rrank, ptr %rank.p
          %ext0 = select i1 %x2, i64 %m, i64 %n
          %lb0.p = getelementptr inbounds i8, ptr %res, i64 24
          store i64 1, ptr %lb0.p
          %e0.p = getelementptr inbounds i8, ptr %res, i64 32
          store i64 %ext0, ptr %e0.p
          %s0.p = getelementptr inbounds i8, ptr %res, i64 40
          store i64 {{size}}, ptr %s0.p
          br i1 %both2, label %dim1, label %outer
        dim1:
          %lb1.p = getelementptr inbounds i8, ptr %res, i64 48
          store i64 1, ptr %lb1.p
          %e1.p = getelementptr inbounds i8, ptr %res, i64 56
          store i64 %n, ptr %e1.p
          %col = mul i64 %m, {{size}}
          %s1.p = getelementptr inbounds i8, ptr %res, i64 64
          store i64 %col, ptr %s1.p
          br label %outer
        outer:
          %bx = load ptr, ptr %x
          %by = load ptr, ptr %y
          br label %jloop
        jloop:
          %j = phi i64 [ 0, %outer ], [ %j.next, %jnext ]
          %jmore = icmp ult i64 %j, %n
          br i1 %jmore, label %iloop, label %done
        iloop:
          %i = phi i64 [ 0, %jloop ], [ %i.next, %store ]
          %imore = icmp ult i64 %i, %m
          br i1 %imore, label %kloop, label %jnext
        kloop:
          %k = phi i64 [ 0, %iloop ], [ %k.next, %kbody ]
          %acc = phi {{type}} [ 0.0, %iloop ], [ %acc.next, %kbody ]
          %kmore = icmp ult i64 %k, %inner
          br i1 %kmore, label %kbody, label %store
        kbody:
          %oxi = mul i64 %i, %xi
          %oxk = mul i64 %k, %xk
          %ox = add i64 %oxi, %oxk
          %oyk = mul i64 %k, %y.s0
          %oyj = mul i64 %j, %yj
          %oy = add i64 %oyk, %oyj
          %px = getelementptr inbounds i8, ptr %bx, i64 %ox
          %py = getelementptr inbounds i8, ptr %by, i64 %oy
          %vx = load {{type}}, ptr %px
          %vy = load {{type}}, ptr %py
          %xy = fmul {{type}} %vx, %vy
          %acc.next = fadd {{type}} %acc, %xy
          %k.next = add nuw i64 %k, 1
          br label %kloop
        store:
          %jm = mul i64 %j, %m
          %r.idx = add i64 %jm, %i
          %pr = getelementptr inbounds {{type}}, ptr %mem, i64 %r.idx
          store {{type}} %acc, ptr %pr
          %i.next = add nuw i64 %i, 1
          br label %iloop
        jnext:
          %j.next = add nuw i64 %j, 1
          br label %jloop
        done:
          ret void
        }


        """;

    // Element-by-element copy of `count` elements from one descriptor to another. When their
    // memory overlaps (y(2:n) = y(1:n-1), y = y(n:1:-1)), the source is first copied into a
    // temporary, as the runtime does, so every element reads its value from before the assignment.
    private static string CopyElements(string type, int size) => $$"""
        define void @__enzyme_sdk_fortran_copy_{{type}}(ptr %to, ptr %from, i64 %count) #0 {
        entry:
          %tr = call { i64, i64 } @__enzyme_sdk_fortran_byte_range(ptr %to)
          %fr = call { i64, i64 } @__enzyme_sdk_fortran_byte_range(ptr %from)
          %t.lo = extractvalue { i64, i64 } %tr, 0
          %t.hi = extractvalue { i64, i64 } %tr, 1
          %f.lo = extractvalue { i64, i64 } %fr, 0
          %f.hi = extractvalue { i64, i64 } %fr, 1
          %below = icmp ult i64 %t.lo, %f.hi
          %above = icmp ult i64 %f.lo, %t.hi
          %overlap = and i1 %below, %above
          %bt = load ptr, ptr %to
          %bf = load ptr, ptr %from
          br i1 %overlap, label %buffer, label %direct
        direct:
          %k = phi i64 [ 0, %entry ], [ %k.next, %dbody ]
          %more = icmp ult i64 %k, %count
          br i1 %more, label %dbody, label %done
        dbody:
          %of = call i64 @__enzyme_sdk_fortran_offset(ptr %from, i64 %k)
          %ot = call i64 @__enzyme_sdk_fortran_offset(ptr %to, i64 %k)
          %pf = getelementptr inbounds i8, ptr %bf, i64 %of
          %pt = getelementptr inbounds i8, ptr %bt, i64 %ot
          %v = load {{type}}, ptr %pf
          store {{type}} %v, ptr %pt
          %k.next = add nuw i64 %k, 1
          br label %direct
        buffer:
          %bytes = mul i64 %count, {{size}}
          %empty = icmp eq i64 %bytes, 0
          %request = select i1 %empty, i64 1, i64 %bytes
          %tmp = call ptr @malloc(i64 %request)
          br label %gather
        gather:
          %g = phi i64 [ 0, %buffer ], [ %g.next, %gbody ]
          %gmore = icmp ult i64 %g, %count
          br i1 %gmore, label %gbody, label %scatter
        gbody:
          %og = call i64 @__enzyme_sdk_fortran_offset(ptr %from, i64 %g)
          %pg = getelementptr inbounds i8, ptr %bf, i64 %og
          %vg = load {{type}}, ptr %pg
          %pb = getelementptr inbounds {{type}}, ptr %tmp, i64 %g
          store {{type}} %vg, ptr %pb
          %g.next = add nuw i64 %g, 1
          br label %gather
        scatter:
          %s = phi i64 [ 0, %gather ], [ %s.next, %sbody ]
          %smore = icmp ult i64 %s, %count
          br i1 %smore, label %sbody, label %release
        sbody:
          %pbs = getelementptr inbounds {{type}}, ptr %tmp, i64 %s
          %vs = load {{type}}, ptr %pbs
          %os = call i64 @__enzyme_sdk_fortran_offset(ptr %to, i64 %s)
          %ps = getelementptr inbounds i8, ptr %bt, i64 %os
          store {{type}} %vs, ptr %ps
          %s.next = add nuw i64 %s, 1
          br label %scatter
        release:
          call void @free(ptr %tmp)
          br label %done
        done:
          ret void
        }


        """;

    // Intrinsic assignment to = from of real(4)/real(8) arrays (or a scalar broadcast into an
    // array). An allocatable destination that is unallocated, or allocated with another
    // shape, is (re)allocated with the source's bounds first (Fortran 2003 semantics, which
    // flang implements in the runtime for `a = expr`). Anything else goes to the runtime.
    private static string Assign() => $$"""
        define void @{{Prefix}}_FortranAAssign(ptr %to, ptr %from, ptr %file, i32 %line) #0 {
        entry:
          %real = call i1 @{{AssignsRealName}}(ptr %to, ptr %from)
          br i1 %real, label %assign, label %runtime
        assign:
          call void @{{AssignRealName}}(ptr %to, ptr %from, ptr %file, i32 %line)
          ret void
        runtime:
          call void @_FortranAAssign(ptr captures(none) %to, ptr captures(none) %from, ptr %file, i32 %line)
          ret void
        }

        ; Both real(8) or both real(4): the only element types the typed copies below move.
        define i1 @{{AssignsRealName}}(ptr %to, ptr %from) #0 {
          %tt.p = getelementptr inbounds i8, ptr %to, i64 21
          %tt = load i8, ptr %tt.p
          %ft.p = getelementptr inbounds i8, ptr %from, i64 21
          %ft = load i8, ptr %ft.p
          %tl.p = getelementptr inbounds i8, ptr %to, i64 8
          %tl = load i64, ptr %tl.p
          %fl.p = getelementptr inbounds i8, ptr %from, i64 8
          %fl = load i64, ptr %fl.p
          %is.double = icmp eq i8 %tt, {{DoubleTypeCode}}
          %len8 = icmp eq i64 %tl, 8
          %double = and i1 %is.double, %len8
          %is.float = icmp eq i8 %tt, {{FloatTypeCode}}
          %len4 = icmp eq i64 %tl, 4
          %float = and i1 %is.float, %len4
          %is.real = or i1 %double, %float
          %same.type = icmp eq i8 %tt, %ft
          %same.len = icmp eq i64 %tl, %fl
          %same = and i1 %same.type, %same.len
          %ok = and i1 %is.real, %same
          ret i1 %ok
        }

        ; The assignment of real arrays (the caller checked the types). The shapes conform or `from`
        ; is a scalar: flang rejects any other assignment at compile time.
        define void @{{AssignRealName}}(ptr %to, ptr %from, ptr %file, i32 %line) #0 {
        entry:
          %tt.p = getelementptr inbounds i8, ptr %to, i64 21
          %tt = load i8, ptr %tt.p
          %fl.p = getelementptr inbounds i8, ptr %from, i64 8
          %fl = load i64, ptr %fl.p
          %frank = call i64 @__enzyme_sdk_fortran_rank(ptr %from)
          %attr.p = getelementptr inbounds i8, ptr %to, i64 22
          %attr = load i8, ptr %attr.p
          %old = load ptr, ptr %to
          %is.double = icmp eq i8 %tt, {{DoubleTypeCode}}
          %scalar = icmp eq i64 %frank, 0
          %allocatable = icmp eq i8 %attr, 2
          %unallocated = icmp eq ptr %old, null
          br label %shape
        shape:
          br i1 %scalar, label %broadcast, label %array
        broadcast:
          ; A scalar gives an unallocated allocatable no shape: the program is wrong, as the runtime would report.
          %no.shape = and i1 %allocatable, %unallocated
          br i1 %no.shape, label %unshaped, label %copy
        unshaped:
          call void @_FortranAReportFatalUserError(ptr @__enzyme_sdk_fortran_unallocated_message, ptr %file, i32 %line)
          unreachable
        array:
          %same = call i1 @__enzyme_sdk_fortran_same_shape(ptr %to, ptr %from)
          %mismatch = xor i1 %same, true
          %resize = or i1 %unallocated, %mismatch
          %realloc = and i1 %allocatable, %resize
          br i1 %realloc, label %release, label %copy
        release:
          br i1 %unallocated, label %allocate, label %free.old
        free.old:
          call void @free(ptr %old)
          br label %allocate
        allocate:
          %n = call i64 @__enzyme_sdk_fortran_count(ptr %from)
          %bytes = mul i64 %n, %fl
          %empty = icmp eq i64 %bytes, 0
          %request = select i1 %empty, i64 1, i64 %bytes
          %mem = call ptr @malloc(i64 %request)
          store ptr %mem, ptr %to
          br label %bounds
        bounds:
          %d = phi i64 [ 0, %allocate ], [ %d.next, %bounds.body ]
          %stride = phi i64 [ %fl, %allocate ], [ %stride.next, %bounds.body ]
          %dmore = icmp ult i64 %d, %frank
          br i1 %dmore, label %bounds.body, label %copy
        bounds.body:
          %lb = call i64 @__enzyme_sdk_fortran_dim_field(ptr %from, i64 %d, i64 0)
          %ext = call i64 @__enzyme_sdk_fortran_extent(ptr %from, i64 %d)
          %field = mul i64 %d, 24
          %lb.o = add i64 %field, 24
          %ext.o = add i64 %field, 32
          %sm.o = add i64 %field, 40
          %lb.p = getelementptr inbounds i8, ptr %to, i64 %lb.o
          %ext.p = getelementptr inbounds i8, ptr %to, i64 %ext.o
          %sm.p = getelementptr inbounds i8, ptr %to, i64 %sm.o
          store i64 %lb, ptr %lb.p
          store i64 %ext, ptr %ext.p
          store i64 %stride, ptr %sm.p
          %stride.next = mul i64 %stride, %ext
          %d.next = add nuw i64 %d, 1
          br label %bounds
        copy:
          %count = call i64 @__enzyme_sdk_fortran_count(ptr %to)
          br i1 %is.double, label %copy.double, label %copy.float
        copy.double:
          call void @__enzyme_sdk_fortran_copy_double(ptr %to, ptr %from, i64 %count)
          ret void
        copy.float:
          call void @__enzyme_sdk_fortran_copy_float(ptr %to, ptr %from, i64 %count)
          ret void
        }

        """;
}
