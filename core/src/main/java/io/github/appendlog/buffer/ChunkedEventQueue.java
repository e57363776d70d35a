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
 * (when there is room for a header) and links a new chunk, large enough for its own event if that
 * is bigger than a chunk; producers that claimed past the end wait for that link (it takes one
 * allocation). Unbounded: the caller bounds it (see {@link EventBuffer}).
 */
final class ChunkedEventQueue {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final int HEADER_BYTES = 4;
    /** A header that says: the rest of this chunk is empty, continue in the next one. */
    private static final int END = -1;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SPINS_BEFORE_YIELD = 100;

    /** One array of records: [int header = length + 1][bytes], each aligned to 8 bytes. */
    private static final class Chunk {
        final byte[] data;
        final AtomicInteger claimed;
        volatile Chunk next;

        Chunk(int size, int initiallyClaimed) {
            this.data = new byte[size];
            this.claimed = new AtomicInteger(initiallyClaimed);
        }
    }

    private volatile Chunk tail;
    // Consumer only:
    private Chunk head;
    private int readAt;

    ChunkedEventQueue() {
        Chunk first = new Chunk(CHUNK_BYTES, 0);
        tail = first;
        head = first;
    }

    /** The bytes a record of {@code length} takes in a chunk. */
    static int recordBytes(int length) {
        return (HEADER_BYTES + length + 7) & ~7;
    }

    /** Producers: adds a copy of the event. */
    void add(byte[] event) {
        int need = recordBytes(event.length);
        int spins = 0;
        for (;;) {
            Chunk c = tail;
            int at = c.claimed.getAndAdd(need);
            int size = c.data.length;
            if (at >= 0 && (long) at + need <= size) {
                write(c.data, at, event);
                return;
            }
            if (at >= 0 && at <= size) {
                // This claim crossed the end: mark it, link the next chunk holding this event.
                if (at + HEADER_BYTES <= size) {
                    INTS.setRelease(c.data, at, END);
                }
                Chunk next = new Chunk(Math.max(CHUNK_BYTES, need), need);
                write(next.data, 0, event);
                c.next = next;
                tail = next;
                return;
            }
            // Claimed past the end (or so far past that the count wrapped): another producer is
            // linking the next chunk.
            while (tail == c) {
                if (++spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    private static void write(byte[] data, int at, byte[] event) {
        System.arraycopy(event, 0, data, at + HEADER_BYTES, event.length);
        INTS.setRelease(data, at, event.length + 1); // publishes the bytes written before it
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
