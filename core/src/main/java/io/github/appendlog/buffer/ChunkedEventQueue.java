package io.github.appendlog.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock-free queue of events (many producers, one consumer) that keeps their bytes in large shared
 * chunks instead of one object per event, so the garbage collector moves a few big arrays rather
 * than hundreds of thousands of small ones while events wait to be sent.
 *
 * <p>A producer claims a record in the current chunk with one atomic add, copies its bytes in and
 * then publishes the record by writing its length header with release semantics; the consumer reads
 * headers with acquire semantics, so it sees a record only once its bytes are there, and always in
 * the order records were claimed. The producer whose claim crosses a chunk's end marks the end
 * (when there is room for a header); any producer that claimed past the end links a new chunk
 * (large enough for its own event if that is bigger than a chunk) unless another one did, moves
 * the tail on and claims again. Unbounded: the caller bounds it (see {@link EventBuffer}).
 */
final class ChunkedEventQueue {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final int HEADER_BYTES = 4;
    /** A header that says: the rest of this chunk is empty, continue in the next one. */
    private static final int END = -1;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle NEXT;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(Chunk.class, "next", Chunk.class);
            TAIL = lookup.findVarHandle(ChunkedEventQueue.class, "tail", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One array of records: [int header = length + 1][bytes], each aligned to 8 bytes. */
    private static final class Chunk {
        final byte[] data;
        final AtomicInteger claimed;
        volatile Chunk next;

        Chunk(int size) {
            this.data = new byte[size];
            this.claimed = new AtomicInteger();
        }
    }

    private volatile Chunk tail;
    // Consumer only:
    private Chunk head;
    private int readAt;

    ChunkedEventQueue() {
        Chunk first = new Chunk(CHUNK_BYTES);
        tail = first;
        head = first;
    }

    /** The bytes a record of {@code length} takes in a chunk. */
    static int recordBytes(int length) {
        return (HEADER_BYTES + length + 7) & ~7;
    }

    /** Producers: adds a copy of the event. Lock-free: no producer ever waits for another. */
    void add(byte[] event) {
        add(event, 0, event.length);
    }

    /** Producers: adds a copy of {@code src[offset, offset+length)}. */
    void add(byte[] src, int offset, int length) {
        int need = recordBytes(length);
        for (;;) {
            Chunk c = tail;
            int at = c.claimed.getAndAdd(need);
            int size = c.data.length;
            if (at >= 0 && (long) at + need <= size) {
                write(c.data, at, src, offset, length);
                return;
            }
            if (at >= 0 && at + HEADER_BYTES <= size) {
                INTS.setRelease(c.data, at, END); // this claim crossed the end: the reader skips the rest
            }
            // Past the end (or so far past that the count wrapped): link a next chunk unless another
            // producer did, move the tail on, and claim again there.
            Chunk next = c.next;
            if (next == null) {
                Chunk fresh = new Chunk(Math.max(CHUNK_BYTES, need));
                next = NEXT.compareAndSet(c, null, fresh) ? fresh : c.next;
            }
            TAIL.compareAndSet(this, c, next);
        }
    }

    private static void write(byte[] data, int at, byte[] src, int offset, int length) {
        System.arraycopy(src, offset, data, at + HEADER_BYTES, length);
        INTS.setRelease(data, at, length + 1); // publishes the bytes written before it
    }

    /** Consumer: the length of the next event, or -1 if none is published yet. */
    int nextLength() {
        for (;;) {
            byte[] data = head.data;
            if (readAt + HEADER_BYTES <= data.length) {
                int header = (int) INTS.getAcquire(data, readAt);
                if (header > 0) {
                    return header - 1;
                }
                if (header == 0) {
                    return -1;
                }
            }
            // END, or no room for another header: the next chunk, once linked.
            Chunk next = head.next;
            if (next == null) {
                return -1;
            }
            head = next;
            readAt = 0;
        }
    }

    /** Consumer: copies the next event (its length from {@link #nextLength}) to {@code dest}, keeping it. */
    void copyNext(int length, byte[] dest, int destAt) {
        System.arraycopy(head.data, readAt + HEADER_BYTES, dest, destAt, length);
    }

    /** Consumer: removes the next event (its length from {@link #nextLength}). */
    void skipNext(int length) {
        readAt += recordBytes(length);
    }
}
