using System.Text;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls.Mpi;

/// <summary>
/// The derivative side of MPI communication, written as LLVM IR over Open MPI's C ABI (every handle a
/// pointer, counts, ranks and tags <c>i32</c>) and linked into the module on first use like
/// <see cref="RuntimeSupport"/>. The MPI rules emit one call of these per differentiated MPI call, so the
/// communication pattern of a derivative is visible in one place.
/// <para>
/// Messages: every derivative message travels on the program's communicator with the program's tag,
/// issued right after (forward) or in the exact reverse order of (reverse) the primal message. MPI's
/// non-overtaking rule (messages between two ranks on one communicator with one tag arrive in the order
/// they were sent) then pairs each derivative message with the receive that was meant for it. A
/// dedicated tag range could collide with tags the program uses and a duplicated communicator would need
/// a collective call at a point every rank reaches; neither is needed.
/// </para>
/// <para>
/// Requests: a non-blocking call's request is the key of a node in a per-process list
/// (<c>@__enzyme_sdk_mpi_requests</c>, most recent first) holding what its derivative needs: kind (0 send,
/// 1 receive), shadow buffer, count, datatype, peer, tag, communicator, element size, a temporary and the
/// derivative's own request. Forward mode posts the tangent message next to the primal one and waits for
/// it after the primal wait. Reverse mode records the node in the forward sweep; the reverse of the wait
/// starts the adjoint message (a receive into a temporary for a send, a send of the adjoint for a
/// receive) and the reverse of the Isend/Irecv completes it and updates the adjoint.
/// </para>
/// </summary>
public static class MpiRuntime
{
    private const string Prefix = "__enzyme_sdk_mpi_";

    // Open MPI's mpi.h: MPI_ANY_SOURCE and MPI_ANY_TAG are -1, MPI_PROC_NULL is -2.
    private const int AnyPeerOrTag = -1;
    private const int NullPeer = -2;

    private static readonly string WildcardMessage =
        "error ENZ2021: MPI derivative: a receive with MPI_ANY_SOURCE or MPI_ANY_TAG cannot be differentiated " +
        "(the derivative message must come from the rank and tag the data came from); receive from a named rank with a named tag (docs/mpi.md)\n";

    /// <summary>Every function the IR defines: they are made internal once linked.</summary>
    private static readonly string[] Functions =
    [
        "add_double", "add_float", "add", "zeros", "shadow_or_zeros", "free_zeros", "check_peer",
        "send_tangent", "recv_tangent", "send_adjoint", "recv_adjoint",
        "sendrecv_tangent", "sendrecv_adjoint",
        "allreduce_tangent", "allreduce_adjoint", "reduce_tangent", "reduce_adjoint", "bcast_tangent", "bcast_adjoint",
        "push", "find", "remove", "isend_tangent", "irecv_tangent", "wait_tangent", "waitall_tangent",
        "record", "start", "wait_adjoint", "waitall_adjoint", "complete_adjoint",
        "extremum_owners_double", "extremum_owners_float", "extremum_tangent_double", "extremum_tangent_float",
        "extremum_adjoint_double", "extremum_adjoint_float",
    ];

    /// <summary>The runtime function <c>__enzyme_sdk_mpi_&lt;name&gt;</c>, linked into <paramref name="module"/> when missing.</summary>
    public static LlvmFunction Function(LlvmModule module, string name) =>
        RuntimeSupport.EnsureLinked(module, Prefix + name, Ir, [.. Functions.Where(f => f != name).Select(f => Prefix + f)]);

    private static string Escaped(string text)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.ASCII.GetBytes(text))
        {
            builder.Append(b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\{b:X2}");
        }
        return builder.ToString();
    }

    private static readonly string Ir = $$"""
        %mpi.node = type { ptr, ptr, i32, i32, ptr, ptr, i32, i32, ptr, ptr, ptr, i32, i32 }
        ; fields: 0 next, 1 key (the request's address), 2 kind (0 send, 1 receive), 3 count, 4 shadow, 5 datatype,
        ;         6 peer, 7 tag, 8 communicator, 9 temporary, 10 derivative request, 11 started, 12 element size

        @__enzyme_sdk_mpi_requests = linkonce_odr global ptr null
        @__enzyme_sdk_mpi_wildcard = private unnamed_addr constant [{{WildcardMessage.Length}} x i8] c"{{Escaped(WildcardMessage)}}"

        declare i32 @MPI_Send(ptr, i32, ptr, i32, i32, ptr)
        declare i32 @MPI_Recv(ptr, i32, ptr, i32, i32, ptr, ptr)
        declare i32 @MPI_Isend(ptr, i32, ptr, i32, i32, ptr, ptr)
        declare i32 @MPI_Irecv(ptr, i32, ptr, i32, i32, ptr, ptr)
        declare i32 @MPI_Wait(ptr, ptr)
        declare i32 @MPI_Sendrecv(ptr, i32, ptr, i32, i32, ptr, i32, ptr, i32, i32, ptr, ptr)
        declare i32 @MPI_Allreduce(ptr, ptr, i32, ptr, ptr, ptr)
        declare i32 @MPI_Reduce(ptr, ptr, i32, ptr, ptr, i32, ptr)
        declare i32 @MPI_Bcast(ptr, i32, ptr, i32, ptr)
        declare i32 @MPI_Comm_rank(ptr, ptr)
        declare ptr @calloc(i64, i64)
        declare ptr @malloc(i64)
        declare void @free(ptr)
        declare i64 @write(i32, ptr, i64)
        declare void @abort()
        declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
        declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

        {{AddIr("double")}}
        {{AddIr("float")}}
        {{ExtremumIr("double")}}
        {{ExtremumIr("float")}}

        ; dst[i] += src[i] for count elements of the given size (8: double, 4: float)
        define void @__enzyme_sdk_mpi_add(ptr %dst, ptr %src, i32 %count, i32 %size) {
        entry:
          %single = icmp eq i32 %size, 4
          br i1 %single, label %f, label %d
        f:
          call void @__enzyme_sdk_mpi_add_float(ptr %dst, ptr %src, i32 %count)
          ret void
        d:
          call void @__enzyme_sdk_mpi_add_double(ptr %dst, ptr %src, i32 %count)
          ret void
        }

        ; a zeroed buffer of count elements (never null, so MPI sees a valid address even for count 0)
        define ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size) {
        entry:
          %n = sext i32 %count to i64
          %positive = icmp sgt i64 %n, 0
          %elements = select i1 %positive, i64 %n, i64 1
          %s = sext i32 %size to i64
          %p = call ptr @calloc(i64 %elements, i64 %s)
          ret ptr %p
        }

        ; What a call sends for a buffer's derivative: its shadow, or zeros when it has none (inactive data)
        define ptr @__enzyme_sdk_mpi_shadow_or_zeros(ptr %shadow, i32 %count, i32 %size) {
        entry:
          %none = icmp eq ptr %shadow, null
          br i1 %none, label %zero, label %done
        zero:
          %z = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          br label %done
        done:
          %buf = phi ptr [ %shadow, %entry ], [ %z, %zero ]
          ret ptr %buf
        }

        ; Frees what __enzyme_sdk_mpi_shadow_or_zeros allocated
        define void @__enzyme_sdk_mpi_free_zeros(ptr %buf, ptr %shadow) {
        entry:
          %allocated = icmp ne ptr %buf, %shadow
          br i1 %allocated, label %release, label %done
        release:
          call void @free(ptr %buf)
          br label %done
        done:
          ret void
        }

        define void @__enzyme_sdk_mpi_check_peer(i32 %peer, i32 %tag) {
        entry:
          %anypeer = icmp eq i32 %peer, {{AnyPeerOrTag}}
          %anytag = icmp eq i32 %tag, {{AnyPeerOrTag}}
          %wild = or i1 %anypeer, %anytag
          br i1 %wild, label %fail, label %ok
        fail:
          %w = call i64 @write(i32 2, ptr @__enzyme_sdk_mpi_wildcard, i64 {{WildcardMessage.Length}})
          call void @abort()
          unreachable
        ok:
          ret void
        }

        define private i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 %size) {
        entry:
          %n = sext i32 %count to i64
          %s = sext i32 %size to i64
          %b = mul i64 %n, %s
          ret i64 %b
        }

        ; ---- blocking point-to-point ----

        ; forward of MPI_Send: the tangent (zeros when the buffer has no shadow) in a second message
        define void @__enzyme_sdk_mpi_send_tangent(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size) {
        entry:
          %buf = call ptr @__enzyme_sdk_mpi_shadow_or_zeros(ptr %shadow, i32 %count, i32 %size)
          %r = call i32 @MPI_Send(ptr %buf, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm)
          call void @__enzyme_sdk_mpi_free_zeros(ptr %buf, ptr %shadow)
          ret void
        }

        ; forward of MPI_Recv: receive the tangent into the shadow
        define void @__enzyme_sdk_mpi_recv_tangent(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size) {
        entry:
          call void @__enzyme_sdk_mpi_check_peer(i32 %peer, i32 %tag)
          %r = call i32 @MPI_Recv(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr null)
          ret void
        }

        ; reverse of MPI_Send: receive the adjoint the destination sends back and add it to the buffer's adjoint
        define void @__enzyme_sdk_mpi_send_adjoint(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size) {
        entry:
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          %r = call i32 @MPI_Recv(ptr %tmp, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr null)
          %none = icmp eq ptr %shadow, null
          br i1 %none, label %done, label %add
        add:
          call void @__enzyme_sdk_mpi_add(ptr %shadow, ptr %tmp, i32 %count, i32 %size)
          br label %done
        done:
          call void @free(ptr %tmp)
          ret void
        }

        ; reverse of MPI_Recv: send the buffer's adjoint back to the source, then zero it (the receive overwrote
        ; the buffer; a receive from MPI_PROC_NULL did not)
        define void @__enzyme_sdk_mpi_recv_adjoint(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size) {
        entry:
          call void @__enzyme_sdk_mpi_check_peer(i32 %peer, i32 %tag)
          %r = call i32 @MPI_Send(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm)
          %real = icmp ne i32 %peer, {{NullPeer}}
          br i1 %real, label %zero, label %done
        zero:
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 %size)
          call void @llvm.memset.p0.i64(ptr %shadow, i8 0, i64 %b, i1 false)
          br label %done
        done:
          ret void
        }

        define void @__enzyme_sdk_mpi_sendrecv_tangent(ptr %sshadow, i32 %scount, ptr %stype, i32 %dest, i32 %stag, ptr %rshadow, i32 %rcount, ptr %rtype, i32 %source, i32 %rtag, ptr %comm, i32 %size) {
        entry:
          call void @__enzyme_sdk_mpi_check_peer(i32 %source, i32 %rtag)
          %buf = call ptr @__enzyme_sdk_mpi_shadow_or_zeros(ptr %sshadow, i32 %scount, i32 %size)
          %r = call i32 @MPI_Sendrecv(ptr %buf, i32 %scount, ptr %stype, i32 %dest, i32 %stag, ptr %rshadow, i32 %rcount, ptr %rtype, i32 %source, i32 %rtag, ptr %comm, ptr null)
          call void @__enzyme_sdk_mpi_free_zeros(ptr %buf, ptr %sshadow)
          ret void
        }

        ; reverse of MPI_Sendrecv: the roles swap; send the receive buffer's adjoint to the source, receive the
        ; send buffer's adjoint from the destination
        define void @__enzyme_sdk_mpi_sendrecv_adjoint(ptr %sshadow, i32 %scount, ptr %stype, i32 %dest, i32 %stag, ptr %rshadow, i32 %rcount, ptr %rtype, i32 %source, i32 %rtag, ptr %comm, i32 %size) {
        entry:
          call void @__enzyme_sdk_mpi_check_peer(i32 %source, i32 %rtag)
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %scount, i32 %size)
          %r = call i32 @MPI_Sendrecv(ptr %rshadow, i32 %rcount, ptr %rtype, i32 %source, i32 %rtag, ptr %tmp, i32 %scount, ptr %stype, i32 %dest, i32 %stag, ptr %comm, ptr null)
          %real = icmp ne i32 %source, {{NullPeer}}
          br i1 %real, label %zero, label %add
        zero:
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %rcount, i32 %size)
          call void @llvm.memset.p0.i64(ptr %rshadow, i8 0, i64 %b, i1 false)
          br label %add
        add:
          %none = icmp eq ptr %sshadow, null
          br i1 %none, label %done, label %accumulate
        accumulate:
          call void @__enzyme_sdk_mpi_add(ptr %sshadow, ptr %tmp, i32 %scount, i32 %size)
          br label %done
        done:
          call void @free(ptr %tmp)
          ret void
        }

        ; ---- collectives (MPI_SUM) ----

        ; forward of MPI_Allreduce(SUM): the tangents are summed the same way (sshadow may be MPI_IN_PLACE)
        define void @__enzyme_sdk_mpi_allreduce_tangent(ptr %sshadow, ptr %rshadow, i32 %count, ptr %type, ptr %op, ptr %comm, i32 %size) {
        entry:
          %buf = call ptr @__enzyme_sdk_mpi_shadow_or_zeros(ptr %sshadow, i32 %count, i32 %size)
          %r = call i32 @MPI_Allreduce(ptr %buf, ptr %rshadow, i32 %count, ptr %type, ptr %op, ptr %comm)
          call void @__enzyme_sdk_mpi_free_zeros(ptr %buf, ptr %sshadow)
          ret void
        }

        ; reverse of y = Allreduce(SUM, x): x' += Allreduce(SUM, y'); y' = 0 (in place: sshadow is rshadow)
        define void @__enzyme_sdk_mpi_allreduce_adjoint(ptr %sshadow, ptr %rshadow, i32 %count, ptr %type, ptr %op, ptr %comm, i32 %size) {
        entry:
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          %r = call i32 @MPI_Allreduce(ptr %rshadow, ptr %tmp, i32 %count, ptr %type, ptr %op, ptr %comm)
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 %size)
          call void @llvm.memset.p0.i64(ptr %rshadow, i8 0, i64 %b, i1 false)
          %none = icmp eq ptr %sshadow, null
          br i1 %none, label %done, label %accumulate
        accumulate:
          call void @__enzyme_sdk_mpi_add(ptr %sshadow, ptr %tmp, i32 %count, i32 %size)
          br label %done
        done:
          call void @free(ptr %tmp)
          ret void
        }

        define void @__enzyme_sdk_mpi_reduce_tangent(ptr %sshadow, ptr %rshadow, i32 %count, ptr %type, ptr %op, i32 %root, ptr %comm, i32 %size) {
        entry:
          %buf = call ptr @__enzyme_sdk_mpi_shadow_or_zeros(ptr %sshadow, i32 %count, i32 %size)
          %r = call i32 @MPI_Reduce(ptr %buf, ptr %rshadow, i32 %count, ptr %type, ptr %op, i32 %root, ptr %comm)
          call void @__enzyme_sdk_mpi_free_zeros(ptr %buf, ptr %sshadow)
          ret void
        }

        ; reverse of y = Reduce(SUM, x) at root: every rank's x' += root's y' (a broadcast); root's y' = 0
        define void @__enzyme_sdk_mpi_reduce_adjoint(ptr %sshadow, ptr %rshadow, i32 %count, ptr %type, ptr %op, i32 %root, ptr %comm, i32 %size) {
        entry:
          %rankslot = alloca i32
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 %size)
          %q = call i32 @MPI_Comm_rank(ptr %comm, ptr %rankslot)
          %rank = load i32, ptr %rankslot
          %isroot = icmp eq i32 %rank, %root
          br i1 %isroot, label %take, label %broadcast
        take:
          call void @llvm.memcpy.p0.p0.i64(ptr %tmp, ptr %rshadow, i64 %b, i1 false)
          call void @llvm.memset.p0.i64(ptr %rshadow, i8 0, i64 %b, i1 false)
          br label %broadcast
        broadcast:
          %r = call i32 @MPI_Bcast(ptr %tmp, i32 %count, ptr %type, i32 %root, ptr %comm)
          %none = icmp eq ptr %sshadow, null
          br i1 %none, label %done, label %accumulate
        accumulate:
          call void @__enzyme_sdk_mpi_add(ptr %sshadow, ptr %tmp, i32 %count, i32 %size)
          br label %done
        done:
          call void @free(ptr %tmp)
          ret void
        }

        define void @__enzyme_sdk_mpi_bcast_tangent(ptr %shadow, i32 %count, ptr %type, i32 %root, ptr %comm, i32 %size) {
        entry:
          %r = call i32 @MPI_Bcast(ptr %shadow, i32 %count, ptr %type, i32 %root, ptr %comm)
          ret void
        }

        ; reverse of a broadcast: root's x' = sum of every rank's y' (a reduction to root); the others' y' = 0
        define void @__enzyme_sdk_mpi_bcast_adjoint(ptr %shadow, i32 %count, ptr %type, i32 %root, ptr %comm, ptr %sum, i32 %size) {
        entry:
          %rankslot = alloca i32
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 %size)
          %r = call i32 @MPI_Reduce(ptr %shadow, ptr %tmp, i32 %count, ptr %type, ptr %sum, i32 %root, ptr %comm)
          %q = call i32 @MPI_Comm_rank(ptr %comm, ptr %rankslot)
          %rank = load i32, ptr %rankslot
          %isroot = icmp eq i32 %rank, %root
          br i1 %isroot, label %take, label %clear
        take:
          call void @llvm.memcpy.p0.p0.i64(ptr %shadow, ptr %tmp, i64 %b, i1 false)
          br label %done
        clear:
          call void @llvm.memset.p0.i64(ptr %shadow, i8 0, i64 %b, i1 false)
          br label %done
        done:
          call void @free(ptr %tmp)
          ret void
        }

        ; ---- non-blocking point-to-point: the request list ----

        define ptr @__enzyme_sdk_mpi_push(ptr %key, i32 %kind, ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size) {
        entry:
          %node = call ptr @calloc(i64 1, i64 ptrtoint (ptr getelementptr (%mpi.node, ptr null, i32 1) to i64))
          %head = load ptr, ptr @__enzyme_sdk_mpi_requests
          store ptr %head, ptr %node
          %f1 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 1
          store ptr %key, ptr %f1
          %f2 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 2
          store i32 %kind, ptr %f2
          %f3 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 3
          store i32 %count, ptr %f3
          %f4 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 4
          store ptr %shadow, ptr %f4
          %f5 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 5
          store ptr %type, ptr %f5
          %f6 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 6
          store i32 %peer, ptr %f6
          %f7 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 7
          store i32 %tag, ptr %f7
          %f8 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 8
          store ptr %comm, ptr %f8
          %f12 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 12
          store i32 %size, ptr %f12
          store ptr %node, ptr @__enzyme_sdk_mpi_requests
          ret ptr %node
        }

        ; the most recent node recorded for the request at %key, or null
        define ptr @__enzyme_sdk_mpi_find(ptr %key) {
        entry:
          %head = load ptr, ptr @__enzyme_sdk_mpi_requests
          br label %loop
        loop:
          %node = phi ptr [ %head, %entry ], [ %next, %step ]
          %end = icmp eq ptr %node, null
          br i1 %end, label %done, label %test
        test:
          %f1 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 1
          %k = load ptr, ptr %f1
          %hit = icmp eq ptr %k, %key
          br i1 %hit, label %done, label %step
        step:
          %next = load ptr, ptr %node
          br label %loop
        done:
          ret ptr %node
        }

        ; unlinks and frees a node
        define void @__enzyme_sdk_mpi_remove(ptr %target) {
        entry:
          br label %loop
        loop:
          %link = phi ptr [ @__enzyme_sdk_mpi_requests, %entry ], [ %node, %step ]
          %node = load ptr, ptr %link
          %end = icmp eq ptr %node, null
          br i1 %end, label %done, label %test
        test:
          %hit = icmp eq ptr %node, %target
          br i1 %hit, label %unlink, label %step
        step:
          br label %loop
        unlink:
          %next = load ptr, ptr %node
          store ptr %next, ptr %link
          call void @free(ptr %node)
          br label %done
        done:
          ret void
        }

        ; forward of MPI_Isend: post the tangent (zeros without a shadow) with a request of the node's own
        define void @__enzyme_sdk_mpi_isend_tangent(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr %key, i32 %size) {
        entry:
          %node = call ptr @__enzyme_sdk_mpi_push(ptr %key, i32 0, ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size)
          %none = icmp eq ptr %shadow, null
          br i1 %none, label %zero, label %send
        zero:
          %z = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          %f9 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 9
          store ptr %z, ptr %f9
          br label %send
        send:
          %buf = phi ptr [ %shadow, %entry ], [ %z, %zero ]
          %f10 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 10
          %r = call i32 @MPI_Isend(ptr %buf, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr %f10)
          ret void
        }

        define void @__enzyme_sdk_mpi_irecv_tangent(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr %key, i32 %size) {
        entry:
          call void @__enzyme_sdk_mpi_check_peer(i32 %peer, i32 %tag)
          %node = call ptr @__enzyme_sdk_mpi_push(ptr %key, i32 1, ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size)
          %f10 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 10
          %r = call i32 @MPI_Irecv(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr %f10)
          ret void
        }

        ; forward of MPI_Wait, after the primal wait: complete the tangent message (requests without one: nothing)
        define void @__enzyme_sdk_mpi_wait_tangent(ptr %key) {
        entry:
          %node = call ptr @__enzyme_sdk_mpi_find(ptr %key)
          %none = icmp eq ptr %node, null
          br i1 %none, label %done, label %wait
        wait:
          %f10 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 10
          %r = call i32 @MPI_Wait(ptr %f10, ptr null)
          %f9 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 9
          %tmp = load ptr, ptr %f9
          call void @free(ptr %tmp)
          call void @__enzyme_sdk_mpi_remove(ptr %node)
          br label %done
        done:
          ret void
        }

        define void @__enzyme_sdk_mpi_waitall_tangent(i32 %n, ptr %keys) {
        entry:
          %empty = icmp sle i32 %n, 0
          br i1 %empty, label %done, label %loop
        loop:
          %i = phi i32 [ 0, %entry ], [ %next, %loop ]
          %key = getelementptr inbounds ptr, ptr %keys, i32 %i
          call void @__enzyme_sdk_mpi_wait_tangent(ptr %key)
          %next = add nsw i32 %i, 1
          %more = icmp slt i32 %next, %n
          br i1 %more, label %loop, label %done
        done:
          ret void
        }

        ; reverse mode, forward sweep: what the reverse of the request's wait and of its Isend/Irecv need
        define void @__enzyme_sdk_mpi_record(ptr %key, i32 %kind, ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size) {
        entry:
          %node = call ptr @__enzyme_sdk_mpi_push(ptr %key, i32 %kind, ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, i32 %size)
          ret void
        }

        ; starts a node's adjoint message: for a send, receive the adjoint into a temporary; for a receive, send the adjoint
        define void @__enzyme_sdk_mpi_start(ptr %node) {
        entry:
          %f11 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 11
          store i32 1, ptr %f11
          %f2 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 2
          %kind = load i32, ptr %f2
          %f3 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 3
          %count = load i32, ptr %f3
          %f4 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 4
          %shadow = load ptr, ptr %f4
          %f5 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 5
          %type = load ptr, ptr %f5
          %f6 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 6
          %peer = load i32, ptr %f6
          %f7 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 7
          %tag = load i32, ptr %f7
          %f8 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 8
          %comm = load ptr, ptr %f8
          %f10 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 10
          %f12 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 12
          %size = load i32, ptr %f12
          %wassend = icmp eq i32 %kind, 0
          br i1 %wassend, label %receive, label %send
        receive:
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 %size)
          %f9 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 9
          store ptr %tmp, ptr %f9
          %r1 = call i32 @MPI_Irecv(ptr %tmp, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr %f10)
          ret void
        send:
          call void @__enzyme_sdk_mpi_check_peer(i32 %peer, i32 %tag)
          %r2 = call i32 @MPI_Isend(ptr %shadow, i32 %count, ptr %type, i32 %peer, i32 %tag, ptr %comm, ptr %f10)
          ret void
        }

        ; reverse of MPI_Wait
        define void @__enzyme_sdk_mpi_wait_adjoint(ptr %key) {
        entry:
          %node = call ptr @__enzyme_sdk_mpi_find(ptr %key)
          %none = icmp eq ptr %node, null
          br i1 %none, label %done, label %check
        check:
          %f11 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 11
          %started = load i32, ptr %f11
          %fresh = icmp eq i32 %started, 0
          br i1 %fresh, label %start, label %done
        start:
          call void @__enzyme_sdk_mpi_start(ptr %node)
          br label %done
        done:
          ret void
        }

        ; reverse of MPI_Waitall: starts the most recent node of each request in the array, most recently posted
        ; first, so both ends of every pair of messages start in the reverse of the order they were posted
        define void @__enzyme_sdk_mpi_waitall_adjoint(i32 %n, ptr %keys) {
        entry:
          %empty = icmp sle i32 %n, 0
          br i1 %empty, label %done, label %begin
        begin:
          %n64 = sext i32 %n to i64
          %seen = call ptr @calloc(i64 %n64, i64 1)
          %base = ptrtoint ptr %keys to i64
          %head = load ptr, ptr @__enzyme_sdk_mpi_requests
          br label %loop
        loop:
          %node = phi ptr [ %head, %begin ], [ %next, %step ]
          %end = icmp eq ptr %node, null
          br i1 %end, label %finish, label %test
        test:
          %f1 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 1
          %k = load ptr, ptr %f1
          %ki = ptrtoint ptr %k to i64
          %offset = sub i64 %ki, %base
          %index = udiv i64 %offset, 8
          %aligned = urem i64 %offset, 8
          %inrange = icmp ult i64 %index, %n64
          %isaligned = icmp eq i64 %aligned, 0
          %mine = and i1 %inrange, %isaligned
          br i1 %mine, label %mark, label %step
        mark:
          %flag = getelementptr inbounds i8, ptr %seen, i64 %index
          %was = load i8, ptr %flag
          store i8 1, ptr %flag
          %first = icmp eq i8 %was, 0
          br i1 %first, label %check, label %step
        check:
          %f11 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 11
          %started = load i32, ptr %f11
          %fresh = icmp eq i32 %started, 0
          br i1 %fresh, label %start, label %step
        start:
          call void @__enzyme_sdk_mpi_start(ptr %node)
          br label %step
        step:
          %next = load ptr, ptr %node
          br label %loop
        finish:
          call void @free(ptr %seen)
          br label %done
        done:
          ret void
        }

        ; reverse of MPI_Isend / MPI_Irecv: complete the adjoint message; a send adds the received adjoint into the
        ; buffer's, a receive zeroes the buffer's (unless it came from MPI_PROC_NULL)
        define void @__enzyme_sdk_mpi_complete_adjoint(ptr %key) {
        entry:
          %node = call ptr @__enzyme_sdk_mpi_find(ptr %key)
          %none = icmp eq ptr %node, null
          br i1 %none, label %done, label %wait
        wait:
          %f10 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 10
          %r = call i32 @MPI_Wait(ptr %f10, ptr null)
          %f2 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 2
          %kind = load i32, ptr %f2
          %f3 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 3
          %count = load i32, ptr %f3
          %f4 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 4
          %shadow = load ptr, ptr %f4
          %f6 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 6
          %peer = load i32, ptr %f6
          %f9 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 9
          %tmp = load ptr, ptr %f9
          %f12 = getelementptr inbounds %mpi.node, ptr %node, i32 0, i32 12
          %size = load i32, ptr %f12
          %wassend = icmp eq i32 %kind, 0
          br i1 %wassend, label %send, label %receive
        send:
          %noshadow = icmp eq ptr %shadow, null
          br i1 %noshadow, label %release, label %accumulate
        accumulate:
          call void @__enzyme_sdk_mpi_add(ptr %shadow, ptr %tmp, i32 %count, i32 %size)
          br label %release
        release:
          call void @free(ptr %tmp)
          br label %unlink
        receive:
          %real = icmp ne i32 %peer, {{NullPeer}}
          br i1 %real, label %zero, label %unlink
        zero:
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 %size)
          call void @llvm.memset.p0.i64(ptr %shadow, i8 0, i64 %b, i1 false)
          br label %unlink
        unlink:
          call void @__enzyme_sdk_mpi_remove(ptr %node)
          br label %done
        done:
          ret void
        }
        """;

    // MPI_MAX / MPI_MIN in MPI_Allreduce: y[i] = max over ranks of x[i]; its derivative is that of the rank
    // holding the extremum (the lowest such rank on ties). owners: 1 where this rank holds it, found with an
    // MPI_MIN reduction of (x[i] == y[i] ? rank : INT_MAX) over MPI_INT; malloc'd, freed by the caller.
    private static string ExtremumIr(string type) => $$"""
        define ptr @__enzyme_sdk_mpi_extremum_owners_{{type}}(ptr %x, ptr %y, i32 %count, ptr %comm, ptr %inttype, ptr %minop) {
        entry:
          %rankslot = alloca i32
          %q = call i32 @MPI_Comm_rank(ptr %comm, ptr %rankslot)
          %rank = load i32, ptr %rankslot
          %owners = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 4)
          %empty = icmp sle i32 %count, 0
          br i1 %empty, label %reduce, label %mark
        mark:
          %i = phi i32 [ 0, %entry ], [ %inext, %mark ]
          %xp = getelementptr inbounds {{type}}, ptr %x, i32 %i
          %yp = getelementptr inbounds {{type}}, ptr %y, i32 %i
          %xv = load {{type}}, ptr %xp
          %yv = load {{type}}, ptr %yp
          %holds = fcmp oeq {{type}} %xv, %yv
          %candidate = select i1 %holds, i32 %rank, i32 2147483647
          %op = getelementptr inbounds i32, ptr %owners, i32 %i
          store i32 %candidate, ptr %op
          %inext = add nsw i32 %i, 1
          %imore = icmp slt i32 %inext, %count
          br i1 %imore, label %mark, label %reduce
        reduce:
          %r = call i32 @MPI_Allreduce(ptr inttoptr (i64 1 to ptr), ptr %owners, i32 %count, ptr %inttype, ptr %minop, ptr %comm)
          br i1 %empty, label %done, label %flag
        flag:
          %j = phi i32 [ 0, %reduce ], [ %jnext, %flag ]
          %fp = getelementptr inbounds i32, ptr %owners, i32 %j
          %owner = load i32, ptr %fp
          %mine = icmp eq i32 %owner, %rank
          %bit = zext i1 %mine to i32
          store i32 %bit, ptr %fp
          %jnext = add nsw i32 %j, 1
          %jmore = icmp slt i32 %jnext, %count
          br i1 %jmore, label %flag, label %done
        done:
          ret ptr %owners
        }

        ; forward: dy = Allreduce(SUM) of dx where this rank holds the extremum, 0 elsewhere
        define void @__enzyme_sdk_mpi_extremum_tangent_{{type}}(ptr %x, ptr %y, ptr %dx, ptr %dy, i32 %count, ptr %type, ptr %comm, ptr %sum, ptr %inttype, ptr %minop) {
        entry:
          %owners = call ptr @__enzyme_sdk_mpi_extremum_owners_{{type}}(ptr %x, ptr %y, i32 %count, ptr %comm, ptr %inttype, ptr %minop)
          %t = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 {{(type == "float" ? 4 : 8)}})
          %none = icmp eq ptr %dx, null
          %empty = icmp sle i32 %count, 0
          %skip = or i1 %none, %empty
          br i1 %skip, label %reduce, label %loop
        loop:
          %i = phi i32 [ 0, %entry ], [ %next, %loop ]
          %op = getelementptr inbounds i32, ptr %owners, i32 %i
          %flag = load i32, ptr %op
          %mine = icmp ne i32 %flag, 0
          %dp = getelementptr inbounds {{type}}, ptr %dx, i32 %i
          %dv = load {{type}}, ptr %dp
          %v = select i1 %mine, {{type}} %dv, {{type}} 0.0
          %tp = getelementptr inbounds {{type}}, ptr %t, i32 %i
          store {{type}} %v, ptr %tp
          %next = add nsw i32 %i, 1
          %more = icmp slt i32 %next, %count
          br i1 %more, label %loop, label %reduce
        reduce:
          %r = call i32 @MPI_Allreduce(ptr %t, ptr %dy, i32 %count, ptr %type, ptr %sum, ptr %comm)
          call void @free(ptr %t)
          call void @free(ptr %owners)
          ret void
        }

        ; reverse: dx += Allreduce(SUM, dy) where this rank held the extremum; dy = 0; frees the owners
        define void @__enzyme_sdk_mpi_extremum_adjoint_{{type}}(ptr %owners, ptr %dx, ptr %dy, i32 %count, ptr %type, ptr %comm, ptr %sum) {
        entry:
          %tmp = call ptr @__enzyme_sdk_mpi_zeros(i32 %count, i32 {{(type == "float" ? 4 : 8)}})
          %r = call i32 @MPI_Allreduce(ptr %dy, ptr %tmp, i32 %count, ptr %type, ptr %sum, ptr %comm)
          %b = call i64 @__enzyme_sdk_mpi_bytes(i32 %count, i32 {{(type == "float" ? 4 : 8)}})
          call void @llvm.memset.p0.i64(ptr %dy, i8 0, i64 %b, i1 false)
          %none = icmp eq ptr %dx, null
          %empty = icmp sle i32 %count, 0
          %skip = or i1 %none, %empty
          br i1 %skip, label %done, label %loop
        loop:
          %i = phi i32 [ 0, %entry ], [ %next, %loop ]
          %op = getelementptr inbounds i32, ptr %owners, i32 %i
          %flag = load i32, ptr %op
          %mine = icmp ne i32 %flag, 0
          %sp = getelementptr inbounds {{type}}, ptr %tmp, i32 %i
          %sv = load {{type}}, ptr %sp
          %v = select i1 %mine, {{type}} %sv, {{type}} 0.0
          %dp = getelementptr inbounds {{type}}, ptr %dx, i32 %i
          %old = load {{type}}, ptr %dp
          %new = fadd {{type}} %old, %v
          store {{type}} %new, ptr %dp
          %next = add nsw i32 %i, 1
          %more = icmp slt i32 %next, %count
          br i1 %more, label %loop, label %done
        done:
          call void @free(ptr %tmp)
          call void @free(ptr %owners)
          ret void
        }
        """;

    private static string AddIr(string type) => $$"""
        define void @__enzyme_sdk_mpi_add_{{type}}(ptr noalias %dst, ptr noalias %src, i32 %count) {
        entry:
          %empty = icmp sle i32 %count, 0
          br i1 %empty, label %done, label %loop
        loop:
          %i = phi i32 [ 0, %entry ], [ %next, %loop ]
          %d = getelementptr inbounds {{type}}, ptr %dst, i32 %i
          %s = getelementptr inbounds {{type}}, ptr %src, i32 %i
          %dv = load {{type}}, ptr %d
          %sv = load {{type}}, ptr %s
          %sum = fadd {{type}} %dv, %sv
          store {{type}} %sum, ptr %d
          %next = add nsw i32 %i, 1
          %more = icmp slt i32 %next, %count
          br i1 %more, label %loop, label %done
        done:
          ret void
        }
        """;
}
