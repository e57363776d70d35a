package io.github.appendlog.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free queue of events (many producers, one consumer) that keeps their bytes in large shared
 * chunks instead of one object per event, so the garbage collector moves a few big arrays rather
 * than hundreds of thousands of small ones while events wait to be sent.
 *
 * <p>A producer claims a record in the current chunk with one atomic add, copies its bytes in and
 * then publishes the record by writing its length header with release semantics; the consumer reads
 * headers with acquire semantics, so it sees a record only once its bytes are there, and always in
 * the order records were claimed. The producer whose claim crosses a chunk's end marks the end
 * (when its claim starts inside the chunk); any producer that claimed past the end links a new chunk
 * unless another one did, moves the tail on and claims again. The producer that links a chunk
 * writes its own record first in it, so no chunk is ever left unused by others' claims. A record
 * larger than {@link #OWN_CHUNK_ABOVE} that does not fit gets a chunk of exactly its size. Unbounded:
 * the caller bounds it (see {@link EventBuffer}).
 *
 * <p>Memory, counted in the caller's byte count ({@code held}): a record takes {@link #footprint}
 * (its length rounded up to 16 bytes, plus a 4-byte header per 16 bytes), which the caller counts;
 * the unused end of a chunk is added to {@code held} by the producer that crosses it, before the
 * reader can pass it, and handed back to the caller by the reader once it passed it
 * ({@link #takePassedEnds}). What is not counted: the part of the chunk being read that was read, the
 * part of the chunk being filled not claimed yet, and chunks kept for reuse (see below).
 *
 * <p>Chunks are reused: once the consumer has read past a chunk of the standard size, its two arrays
 * (headers zeroed) go to a pool, and the producer that links the next chunk wraps pooled arrays in a
 * new {@code Chunk} rather than allocating. So a busy buffer allocates nothing, and its arrays, old
 * after their first collection, are never copied by young collections again (a full buffer's worth
 * of young chunks used to be copied at every one). This is safe because nothing writes a chunk's
 * arrays once the consumer has left it: every record claimed inside a chunk is published before the
 * consumer passes it, the end marker too, and a producer that still holds the old {@code Chunk}
 * (read from the tail before it moved on) only claims past its end and follows its {@code next}.
 * The pool keeps at most {@code maxPooledChunks} (the buffer's bound): memory a burst needed once is
 * kept for the next one. A chunk is allocated only when the pool is empty, a chunk of an event's own
 * size takes its size out of the pool, and a chunk allocated in vain (another producer linked one
 * first) is not pooled; so the pool normally holds what the chunks in use freed, and at most
 * {@code maxPooledChunks}.
 */
final class ChunkedEventQueue {
    static final int CHUNK_BYTES = 64 * 1024;
    /** A record larger than this that does not fit in the current chunk gets a chunk of its own size. */
    static final int OWN_CHUNK_ABOVE = CHUNK_BYTES / 4;
    /** Records start on 16-byte boundaries; each boundary has a header slot. */
    private static final int GRAIN_SHIFT = 4;
    private static final int GRAIN = 1 << GRAIN_SHIFT;
    /** A header that says: the rest of this chunk is empty, continue in the next one. */
    private static final int END = -1;
    /**
     * Headers live in an {@code int[]}: its element handle supports release/acquire on every JDK,
     * which a byte-array view handle does not (JDK 23 and later refuse it).
     */
    private static final VarHandle HEADERS = MethodHandles.arrayElementVarHandle(int[].class);
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

    /**
     * One array of records' bytes, each starting on a 16-byte boundary, and beside it one header per
     * boundary: 0 = not published yet, length + 1 = a record starts here, {@link #END}.
     */
    private static final class Chunk {
        final byte[] data;
        final int[] headers;
        final AtomicInteger claimed;
        /** Over arrays a chunk used before: back to the pool if never linked. */
        final boolean reused;
        volatile Chunk next;

        Chunk(int size) {
            this(new byte[size], new int[size >>> GRAIN_SHIFT], false);
        }

        /** A chunk over arrays (headers all 0). */
        Chunk(byte[] data, int[] headers, boolean reused) {
            this.data = data;
            this.headers = headers;
            this.reused = reused;
            this.claimed = new AtomicInteger();
        }
    }

    /** New chunks over the arrays of chunks the consumer has left (headers zeroed), never linked yet. */
    private final ConcurrentLinkedQueue<Chunk> pool = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    private final int maxPooledChunks;
    /** The caller's byte count: producers add the unused ends of chunks to it. */
    private final AtomicLong held;

    private volatile Chunk tail;
    // Consumer only:
    private Chunk head;
    private int readAt;
    private long passedEnds;

    /** A queue that keeps no chunk for reuse. */
    ChunkedEventQueue() {
        this(0);
    }

    /** @param maxPooledChunks how many left chunks' arrays to keep for reuse */
    ChunkedEventQueue(int maxPooledChunks) {
        this(maxPooledChunks, new AtomicLong());
    }

    /**
     * @param maxPooledChunks how many left chunks' arrays to keep for reuse
     * @param held the caller's count of the bytes held, to which unused chunk ends are added
     */
    ChunkedEventQueue(int maxPooledChunks, AtomicLong held) {
        this.maxPooledChunks = maxPooledChunks;
        this.held = held;
        Chunk first = new Chunk(CHUNK_BYTES);
        tail = first;
        head = first;
    }

    /** The bytes a record of {@code length} takes in a chunk's data. */
    static int recordBytes(int length) {
        return Math.max(GRAIN, (length + GRAIN - 1) & -GRAIN);
    }

    /** The memory a record of {@code length} takes: its data, rounded, and its headers. */
    static long footprint(long length) {
        return chunkFootprint(Math.max(GRAIN, (length + GRAIN - 1) & -GRAIN));
    }

    /** The memory {@code dataBytes} (a multiple of 16) of a chunk take with their headers. */
    static long chunkFootprint(long dataBytes) {
        return dataBytes + (dataBytes >>> GRAIN_SHIFT) * Integer.BYTES;
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
                write(c, at, src, offset, length);
                return;
            }
            if (at >= 0 && at < size) {
                // Crossed the end: the rest stays unused. Counted before the reader can pass it.
                held.addAndGet(chunkFootprint(size - at));
                HEADERS.setRelease(c.headers, at >>> GRAIN_SHIFT, END); // the reader skips the rest
            }
            // Past the end (or so far past that the count wrapped): link a next chunk, this event first
            // in it, unless another producer did; move the tail on, and claim again there.
            Chunk next = c.next;
            if (next == null) {
                Chunk fresh = newChunk(need);
                fresh.claimed.set(need);
                if (NEXT.compareAndSet(c, null, fresh)) {
                    write(fresh, 0, src, offset, length);
                    TAIL.compareAndSet(this, c, fresh);
                    return;
                }
                next = c.next;
                if (fresh.reused) {
                    recycle(fresh); // another producer linked one first; this one was never used
                } // else left to the collector: the pool only keeps what was once in use
            }
            TAIL.compareAndSet(this, c, next);
        }
    }

    private static void write(Chunk c, int at, byte[] src, int offset, int length) {
        System.arraycopy(src, offset, c.data, at, length);
        HEADERS.setRelease(c.headers, at >>> GRAIN_SHIFT, length + 1); // publishes the bytes
    }

    /** Consumer: the length of the next event, or -1 if none is published yet. */
    int nextLength() {
        for (;;) {
            Chunk chunk = head;
            if (readAt < chunk.data.length) {
                int header = (int) HEADERS.getAcquire(chunk.headers, readAt >>> GRAIN_SHIFT);
                if (header > 0) {
                    return header - 1;
                }
                if (header == 0) {
                    return -1;
                }
            }
            // END, or the chunk is full: the next chunk, once linked.
            Chunk next = head.next;
            if (next == null) {
                return -1;
            }
            if (readAt < head.data.length) {
                passedEnds += chunkFootprint(head.data.length - readAt);
            }
            recycle(head);
            head = next;
            readAt = 0;
        }
    }

    /**
     * Consumer: the memory of the unused chunk ends it passed since the last call, which producers
     * added to {@code held}: the caller gives it back.
     */
    long takePassedEnds() {
        long ends = passedEnds;
        passedEnds = 0;
        return ends;
    }

    private Chunk newChunk(int need) {
        if (need > OWN_CHUNK_ABOVE) {
            // A chunk of the event's own size: its memory comes out of what the pool keeps.
            long dropped = 0;
            while (dropped < chunkFootprint(need) && pool.poll() != null) {
                pooled.decrementAndGet();
                dropped += chunkFootprint(CHUNK_BYTES);
            }
            return new Chunk(need);
        }
        Chunk reused = pool.poll(); // a new Chunk over old arrays, never linked yet
        if (reused != null) {
            pooled.decrementAndGet();
            return reused;
        }
        return new Chunk(CHUNK_BYTES);
    }

    /** Keeps a left (or never used) chunk's arrays for reuse, headers zeroed, unless the pool is full. */
    private void recycle(Chunk chunk) {
        if (chunk.data.length != CHUNK_BYTES || pooled.get() >= maxPooledChunks) {
            return;
        }
        Arrays.fill(chunk.headers, 0);
        pooled.incrementAndGet();
        pool.offer(new Chunk(chunk.data, chunk.headers, true));
    }

    /** Consumer, for tests: the memory of the chunks alive (from the one being read on) and kept for reuse. */
    /** Consumer, for tests: the memory of the chunks alive (from the one being read on) and kept for reuse. */
    long heldBytes() {
        return liveBytes() + pooled.get() * chunkFootprint(CHUNK_BYTES);
    }

    /** Consumer, for tests: the memory of the chunks alive, from the one being read on. */
    long liveBytes() {
        long bytes = 0;
        for (Chunk c = head; c != null; c = c.next) {
            bytes += chunkFootprint(c.data.length);
        }
        return bytes;
    }

    /** Chunks kept for reuse (for tests). */
    int pooledChunks() {
        return pooled.get();
    }

    /** Consumer: copies the next event (its length from {@link #nextLength}) to {@code dest}, keeping it. */
    void copyNext(int length, byte[] dest, int destAt) {
        System.arraycopy(head.data, readAt, dest, destAt, length);
    }

    /** Consumer: removes the next event (its length from {@link #nextLength}). */
    void skipNext(int length) {
        readAt += recordBytes(length);
    }
}
