package io.github.appendlog.intake;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.pipeline.EventCopier;
import io.github.appendlog.pipeline.EventEncoder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The consumer side of the {@link EncodingStage}'s ring: encodes its events in order into the
 * {@link EventBuffer}, correcting each reservation to the real size and learning what encoding adds
 * to the size hints. One lock serializes the drainers (the encoder thread, the sender before a batch,
 * stop); only the encoder thread waits for it
 * ({@link #drain}), everyone else tries it ({@link #tryDrain}) or waits with a deadline. Whatever the
 * encoder, layout or copier throws, Errors included, drops that one event (counted by the
 * {@link Admission}, reported by the sender) and its slot is released. Once {@link #abandonRemaining}
 * found the lock's holder stuck, nobody drains again.
 */
final class RingDrainer {
    /** An overhead seen counts as at most this much (a huge event says little about the next ones). */
    private static final int MAX_OVERHEAD_BYTES = 64 * 1024;
    /** The learned overhead moves 1/16 of the way to each overhead seen (a moving average). */
    private static final int LEARNING_SHIFT = 4;

    private final HandoffRing ring;
    private final Admission admission;
    /** Wakes the sender if a batch's worth is waiting. */
    private final Runnable wakeSender;
    private final ReentrantLock drainLock = new ReentrantLock();
    private volatile int overheadBytes;
    /** Set by {@link #abandonRemaining} when the lock's holder is stuck: nobody drains after it. */
    private volatile boolean abandoned;

    RingDrainer(HandoffRing ring, Admission admission, Runnable wakeSender, int initialOverheadBytes) {
        this.ring = ring;
        this.admission = admission;
        this.wakeSender = wakeSender;
        this.overheadBytes = initialOverheadBytes;
    }

    /** What encoding was seen to add to the size hints. */
    int overheadBytes() {
        return overheadBytes;
    }

    /** Encodes up to {@code max} events if the lock is free; returns how many slots it took, or -1 without the lock. */
    int tryDrain(int max) {
        if (abandoned || !drainLock.tryLock()) {
            return -1;
        }
        try {
            return drainLocked(max);
        } finally {
            drainLock.unlock();
        }
    }

    /** The encoder thread: encodes up to {@code max} events, waiting for the lock (held briefly by others). */
    int drain(int max) {
        drainLock.lock();
        try {
            return drainLocked(max);
        } finally {
            drainLock.unlock();
        }
    }

    /** The encoder thread: nothing to encode and the ring open (it may sleep). */
    boolean idle() {
        drainLock.lock();
        try {
            return ring.size() == 0 && !ring.isSealed();
        } finally {
            drainLock.unlock();
        }
    }

    /** The encoder thread, once the ring is sealed: nothing more will come, or the rest was abandoned. */
    boolean finished() {
        if (abandoned) {
            return true;
        }
        drainLock.lock();
        try {
            return ring.sealedAndEmpty();
        } finally {
            drainLock.unlock();
        }
    }

    /** Stop: encodes what the sealed ring still holds, if it gets the lock by the deadline; returns by then. */
    void drainUntil(long deadlineNanos, int passEvents) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !drainLock.tryLock(left, TimeUnit.NANOSECONDS)) {
            return;
        }
        try {
            while (!abandoned && !ring.sealedAndEmpty() && System.nanoTime() - deadlineNanos < 0) {
                if (drainLocked(passEvents) == 0) {
                    Thread.yield();
                }
            }
        } finally {
            drainLock.unlock();
        }
    }

    /**
     * After {@link EncodingStage#stop}: the events it could not encode in time, counted; never waits. When the
     * lock is free their reservations are given back; when a thread is stuck encoding (a layout that
     * does not return) they are counted from the ring's positions, the one being encoded included,
     * their reservations stay with the closed buffer, and nobody drains the ring afterwards.
     */
    long abandonRemaining() {
        if (!drainLock.tryLock()) {
            abandoned = true;
            return ring.pendingEvents();
        }
        try {
            long count = 0;
            while (ring.poll()) {
                if (ring.encoder() != null) {
                    admission.giveBack(ring.reserved());
                    count++;
                }
                release();
            }
            return count;
        } finally {
            drainLock.unlock();
        }
    }

    /** The holder emptied for reuse, or null when its copier failed to clear it (counted). */
    <H> H cleared(EventCopier<?, H> copier, H holder) {
        try {
            copier.clear(holder);
            return holder;
        } catch (Throwable e) {
            admission.encodeFailed(0, e);
            return null;
        }
    }

    /**
     * Encodes up to {@code max} events from the ring, in order, and corrects their reservations with
     * one update of the shared byte count (not one per event: the logging threads update it too);
     * then wakes the sender if a batch is waiting. Each polled slot is released whatever is thrown.
     *
     * @return how many slots were taken from the ring
     */
    @SuppressWarnings("unchecked")
    private int drainLocked(int max) {
        int taken = 0;
        int encoded = 0;
        long correction = 0;
        long learned = overheadBytes;
        while (taken < max && !abandoned && ring.poll()) {
            taken++;
            try {
                Object encoder = ring.encoder();
                if (encoder != null) { // null: a slot to skip
                    long room = ring.reserved();
                    ByteBuffer bytes = encode((EventEncoder<Object>) encoder, ring.event(), room);
                    encoded++;
                    if (bytes != null && !abandoned) { // abandoned: counted by abandonRemaining, not added
                        int length = bytes.remaining();
                        correction += added(bytes, room) - room;
                        if (ring.sizeHint() >= 0) { // else encoded without a hint: nothing to learn
                            long seen = Math.max(0, Math.min(MAX_OVERHEAD_BYTES, (long) length - ring.sizeHint()));
                            learned += (seen - learned) >> LEARNING_SHIFT;
                        }
                    }
                }
            } finally {
                release();
            }
        }
        if (encoded > 0) {
            admission.correctReserved(correction);
            overheadBytes = (int) learned;
            wakeSender.run();
        }
        return taken;
    }

    /** The room the encoded event takes in the buffer; its reserved room when it could not be added (counted). */
    private long added(ByteBuffer bytes, long room) {
        try {
            return admission.addEncoded(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } catch (Throwable e) {
            admission.encodeFailed(room, e);
            return room;
        }
    }

    /** Gives the polled slot back; a copier's holder stays in it, emptied, for a producer to take. */
    @SuppressWarnings("unchecked")
    private void release() {
        Object encoder = ring.encoder();
        boolean holder = encoder instanceof EventCopier
                && cleared((EventCopier<?, Object>) encoder, ring.event()) != null; // else not reused
        ring.release(holder || encoder == null);
    }

    /** The event's bytes, or null when the encoder or layout threw anything (dropped, counted). */
    private ByteBuffer encode(EventEncoder<Object> encoder, Object event, long room) {
        try {
            return encoder.encode(event);
        } catch (Throwable e) {
            admission.encodeFailed(room, e);
            return null;
        }
    }
}
