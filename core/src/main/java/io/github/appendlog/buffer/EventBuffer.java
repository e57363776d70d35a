package io.github.appendlog.buffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between logging threads (many producers) and the sender (one consumer).
 *
 * <p>Events sit in a lock-free queue that copies their bytes into large shared chunks
 * ({@link ChunkedEventQueue}: no object per waiting event); an {@link AtomicLong} counts the memory
 * they take there ({@link #roomOf}: the record, rounded to 16 bytes, and its headers; plus the
 * unused ends of chunks until the consumer passes them) and bounds it to {@code maxBytes}: no
 * reservation is accepted that would take the count past it. The count may pass {@code maxBytes}
 * only by the unused chunk ends that producers adding at that moment leave (at most a chunk, or one
 * event's record, each). A producer pays one CAS and a copy (and one atomic add when it crosses a
 * chunk's end); it wakes the consumer only when the buffered bytes cross
 * {@code signalBytes} (a full batch is waiting), never per event: otherwise the consumer wakes on
 * its own timer. Only a producer that chose to wait for room (the BLOCK policy) takes a lock, and
 * the consumer touches that lock only while such a producer waits ({@link RoomWaiters}).
 */
public final class EventBuffer {
    // What reserve() returns instead of the bytes used before the event:
    static final long FULL = -1;
    private static final long BELOW_THRESHOLD = -2;
    private static final long CLOSED = -3;

    /** What happened to an offered event. */
    public enum Outcome {
        ACCEPTED,
        /** No room (after waiting, with a wait time). */
        FULL,
        /** Not important and the buffer is above the discard threshold. */
        BELOW_THRESHOLD,
        /** The buffer was closed. */
        CLOSED
    }

    private final ChunkedEventQueue queue;
    private final AtomicLong usedBytes = new AtomicLong();
    private final long maxBytes;
    private final long discardAboveBytes;
    private final long batchBytes;
    private final long maxSignalBytes;
    /**
     * The consumer is woken when the count reaches this: a batch's worth of events, counted as the
     * buffer counts them (more than their bytes: see {@link #learnRoomPerByte}).
     */
    private volatile long signalBytes;
    /** Producers waiting for room (the BLOCK policy). */
    private final RoomWaiters waiters = new RoomWaiters();
    private volatile Thread consumer;
    private volatile boolean closed;

    /**
     * @param maxBytes the bound on the memory events take ({@link #roomOf} each, and unused chunk ends)
     * @param discardThresholdPercent above this percentage of {@code maxBytes}, events that are
     *     not important are refused (100: only when full)
     * @param signalBytes a batch's bytes: the consumer is unparked when the buffered events fill one
     */
    public EventBuffer(long maxBytes, int discardThresholdPercent, long signalBytes) {
        this.maxBytes = maxBytes;
        // Enough chunks for a full buffer are kept for reuse (see ChunkedEventQueue).
        this.queue = new ChunkedEventQueue((int) Math.min(Integer.MAX_VALUE, maxBytes / ChunkedEventQueue.CHUNK_BYTES + 1),
                usedBytes);
        // 100 turns the threshold off: the count may pass maxBytes for a while (a chunk's unused end, an
        // event encoded larger than its reservation), and that must not make events below WARN drop.
        this.discardAboveBytes = discardThresholdPercent >= 100 ? Long.MAX_VALUE : maxBytes * discardThresholdPercent / 100;
        this.batchBytes = signalBytes;
        this.maxSignalBytes = Math.max(signalBytes, Math.min(maxBytes, discardAboveBytes));
        this.signalBytes = signalBytes;
    }

    /**
     * Consumer: events of {@code bytes} took {@code room} of the count; from now on the consumer is
     * woken when the count holds a batch's bytes at that ratio (never above the discard threshold),
     * so that a batch formed on the wake-up is full rather than short by the records' overhead.
     */
    void learnRoomPerByte(long room, long bytes) {
        if (bytes > 0 && room >= bytes) {
            signalBytes = Math.min(maxSignalBytes, (long) ((double) batchBytes * room / bytes));
        }
    }

    /** The thread to unpark when a batch's worth of room is reserved or filled. */
    public void consumer(Thread thread) {
        this.consumer = thread;
    }

    /**
     * Adds an event, or refuses it.
     *
     * @param maxWaitNanos how long to wait for room when full; 0 refuses at once
     */
    Outcome offer(byte[] event, boolean important, long maxWaitNanos) throws InterruptedException {
        return offer(event, 0, event.length, important, maxWaitNanos);
    }

    /** Like {@link #offer(byte[], boolean, long)} for {@code event[offset, offset+length)}, which is copied. */
    public Outcome offer(byte[] event, int offset, int length, boolean important, long maxWaitNanos)
            throws InterruptedException {
        long size = roomOf(length);
        long before = reserveOrWait(size, important, maxWaitNanos);
        if (before < 0) {
            return outcomeOf(before);
        }
        queue.add(event, offset, length);
        signalIfCrossed(before, size);
        return Outcome.ACCEPTED;
    }

    /**
     * Reserves {@code room} for an event that is not encoded yet, or refuses it as {@link #offer}
     * would (waiting up to {@code maxWaitNanos} for room). An accepted reservation is later turned into
     * the event with {@link #addReserved}, or given back with {@link #release}.
     */
    public Outcome reserve(long room, boolean important, long maxWaitNanos) throws InterruptedException {
        long before = reserveOrWait(room, important, maxWaitNanos);
        if (before < 0) {
            return outcomeOf(before);
        }
        signalIfCrossed(before, room);
        return Outcome.ACCEPTED;
    }

    /**
     * Adds the copy of an event whose room was reserved with {@link #reserve}. The reservation was an
     * estimate: the caller corrects it, for many events at once, with {@link #correctReserved} (the
     * room the events really take, {@link #roomOf} their lengths, minus what was reserved). An event
     * larger than its reservation is added even if that takes the buffer past {@code maxBytes}: it was
     * accepted when its room was reserved.
     */
    public void addReserved(byte[] event, int offset, int length) {
        queue.add(event, offset, length);
    }

    /** Corrects reservations by {@code delta} bytes (see {@link #addReserved}). */
    public void correctReserved(long delta) {
        if (delta > 0) {
            usedBytes.addAndGet(delta);
        } else {
            release(-delta);
        }
    }

    private long reserveOrWait(long size, boolean important, long maxWaitNanos) throws InterruptedException {
        long before = reserve(size, important);
        if (before == FULL && maxWaitNanos > 0) {
            before = waiters.awaitRoom(this, size, important, maxWaitNanos);
        }
        return before;
    }

    private static Outcome outcomeOf(long refused) {
        return refused == FULL ? Outcome.FULL : refused == BELOW_THRESHOLD ? Outcome.BELOW_THRESHOLD : Outcome.CLOSED;
    }

    /** Exactly one reservation crosses the threshold on each rise: that producer signals. */
    private void signalIfCrossed(long before, long size) {
        if (before < signalBytes && before + size >= signalBytes) {
            Thread t = consumer;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * A check that costs one read, for callers that have not encoded the event yet: the outcome an
     * offer would surely have now whatever the event's size ({@link Outcome#BELOW_THRESHOLD} for an
     * event that is not important above the discard threshold; {@link Outcome#FULL} when not even an
     * empty event fits and the caller would not wait), or {@link Outcome#ACCEPTED} when it may be
     * accepted (an offer decides). Never {@link Outcome#CLOSED}: offers report that.
     */
    public Outcome likelyOutcome(boolean important, boolean mayWait) {
        long used = usedBytes.get();
        if (closed) {
            return Outcome.ACCEPTED;
        }
        if (!important && used > discardAboveBytes) {
            return Outcome.BELOW_THRESHOLD;
        }
        if (!mayWait && used + roomOf(0) > maxBytes) {
            return Outcome.FULL;
        }
        return Outcome.ACCEPTED;
    }

    /** Reserves room: the bytes used before this event, or a negative code. */
    long reserve(long size, boolean important) {
        for (;;) {
            if (closed) {
                return CLOSED;
            }
            long used = usedBytes.get();
            if (!important && used > discardAboveBytes) {
                return BELOW_THRESHOLD;
            }
            if (used + size > maxBytes) {
                return FULL;
            }
            if (usedBytes.compareAndSet(used, used + size)) {
                return used;
            }
        }
    }

    /** Consumer only: a copy of the next event without removing it, or null. */
    byte[] peek() {
        int length = next();
        if (length < 0) {
            return null;
        }
        byte[] event = new byte[length];
        queue.copyNext(length, event, 0);
        return event;
    }

    /** Consumer only: removes the next event and frees its room, or returns null. */
    byte[] poll() {
        byte[] event = peek();
        if (event != null) {
            queue.skipNext(event.length);
            release(roomOf(event.length));
        }
        return event;
    }

    /** Consumer only: the length of the next event, or -1 when none is there. */
    public int nextLength() {
        return next();
    }

    /** The queue's next length, giving back the room of the unused chunk ends it passed on its way. */
    private int next() {
        int length = queue.nextLength();
        long ends = queue.takePassedEnds();
        if (ends != 0) {
            release(ends);
        }
        return length;
    }

    /**
     * Consumer only: copies the next event (of {@code length}, from {@link #nextLength}) into
     * {@code dest} at {@code destAt} and removes it without freeing its room: the caller frees the
     * room of the events it took with one {@link #release} (once per many events, not per event).
     */
    public void takeInto(int length, byte[] dest, int destAt) {
        queue.copyNext(length, dest, destAt);
        queue.skipNext(length);
    }

    /** Consumer only: frees room of events taken with {@link #takeInto}: the sum of their {@link #roomOf}. */
    public void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        usedBytes.addAndGet(-bytes);
        waiters.roomFreed();
    }

    /**
     * The room an event of {@code length} bytes takes in the buffer: the memory of its record, its
     * length rounded up to 16 bytes plus a 4-byte header per 16 bytes (at least 20 bytes).
     */
    public static long roomOf(long length) {
        return ChunkedEventQueue.footprint(length);
    }

    /** Refuses every later offer and releases producers waiting for room. */
    public void close() {
        closed = true;
        waiters.wakeAll();
    }

    /** Consumer only: whether no event is there to take (one being added may not be there yet). */
    public boolean isEmpty() {
        return next() < 0;
    }

    /** Consumer, for tests: the memory the queue's chunks hold, alive and kept for reuse. */
    long heldBytes() {
        return queue.heldBytes();
    }

    /** Consumer, for tests: the memory of the queue's chunks in use. */
    long liveBytes() {
        return queue.liveBytes();
    }

    /** Bytes held, counting the per-event overhead. */
    public long usedBytes() {
        return usedBytes.get();
    }

    /** Whether the consumer should send now: a full batch is waiting. */
    public boolean batchReady() {
        return usedBytes.get() >= signalBytes;
    }

    /** Consumer only, once it has stopped: counts and frees what is left, returning {events, bytes}. */
    public long[] drainRemaining() {
        long events = 0;
        long bytes = 0;
        for (int length = next(); length >= 0; length = next()) {
            queue.skipNext(length);
            release(roomOf(length));
            events++;
            bytes += length;
        }
        return new long[] {events, bytes};
    }

    @Override
    public String toString() {
        return "EventBuffer{usedBytes=" + usedBytes.get() + ", maxBytes=" + maxBytes + "}";
    }
}
