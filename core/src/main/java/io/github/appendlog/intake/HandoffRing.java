package io.github.appendlog.intake;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded, lock-free hand-off of not-yet-encoded events from many logging threads to whoever
 * encodes them, in the order producers claimed their slots. Each slot holds the event, the object
 * that will encode it, the buffer room reserved for it and the size hint of that reservation.
 * Drained by one thread at a time (callers of {@link #poll} serialize themselves).
 *
 * <p>A slot carries a sequence number: {@code n} when free for the producer that claims position
 * {@code n}, {@code n + 1} once that producer published it, and {@code n + capacity} once the consumer
 * released it. A producer claims with one CAS on the tail ({@link #claim}), fills the slot and
 * publishes it with a release store ({@link #publish}); the consumer reads the sequence with acquire
 * semantics. A claimed slot must be published, or the consumer waits for it forever. A slot may keep
 * its event after the consumer releases it ({@link #release(boolean)}): an adapter's reusable holder,
 * which the next producer to claim the slot finds with {@link #slot} and fills again, so that handing
 * an event over allocates nothing (the slot is the producer's alone between claim and publish, and the
 * consumer's alone between poll and release). {@link #seal} closes the ring: later claims are refused,
 * and the sealed tail tells the last drainer how far to go.
 *
 * <p>A producer that finds the ring full may take the next position without a slot
 * ({@link #claimWithoutSlot}) for an event whose memory it has accounted for (encoded bytes, say)
 * and {@link #publishBeyond publish} it in a lock-free queue beside the ring; the consumer takes it
 * in its turn, when the head reaches its position (a slot's sequence tells the consumer whether its
 * position went through the slot), and passes the unused slot on to the next lap. Positions are
 * thus handed over in claim order however they travel, and how many go without a slot is bounded by
 * the producers' accounting, not by the ring.
 */
final class HandoffRing {
    /** {@link #claim}: no free slot (the drainer is behind). */
    static final long FULL = -1;
    /** {@link #claim}: the ring was sealed. */
    static final long SEALED = -2;

    private static final long SEALED_BIT = 1L << 62;
    private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(HandoffRing.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int mask;
    private final long[] sequences;
    private final Object[] events;
    private final Object[] encoders;
    private final long[] reserved;
    private final int[] hints;
    private final AtomicLong tail = new AtomicLong();
    /** Positions published without a slot ({@link #publishBeyond}). */
    private final PositionsWithoutSlot beyond = new PositionsWithoutSlot();
    /** Positions released so far: written by the consumer (release store), read by anyone. */
    private long head;
    // Consumer only (callers of poll serialize themselves):
    private boolean holding;
    private Object polledEvent;
    private Object polledEncoder;
    private long polledReserved;
    private int polledHint;
    private boolean polledFromSlot;

    /** @param capacity a power of two */
    HandoffRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, not " + capacity);
        }
        mask = capacity - 1;
        sequences = new long[capacity];
        events = new Object[capacity];
        encoders = new Object[capacity];
        reserved = new long[capacity];
        hints = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            sequences[i] = i;
        }
    }

    /**
     * Producers: takes the next position, unless the ring is full or sealed. The caller must
     * {@link #publish} it, whatever happens.
     *
     * @return the position (0, 1, 2, ... in order), or {@link #FULL} or {@link #SEALED}
     */
    long claim() {
        for (;;) {
            long t = tail.get();
            if ((t & SEALED_BIT) != 0) {
                return SEALED;
            }
            long sequence = (long) SEQUENCES.getAcquire(sequences, (int) t & mask);
            if (sequence == t) {
                if (tail.compareAndSet(t, t + 1)) {
                    return t;
                }
            } else if (sequence < t) {
                return FULL; // the slot still holds the event of the previous lap
            }
            // Another producer took position t: read the tail again.
        }
    }

    /**
     * Producers: takes the next position without a slot, full or not, unless the ring is sealed; the
     * caller must {@link #publishBeyond} it, whatever happens. For an event whose room the caller holds
     * (its bytes, say): how many such positions wait is bounded by that room, not by the ring.
     *
     * @return the position, in the same order as {@link #claim}'s, or {@link #SEALED}
     */
    long claimWithoutSlot() {
        for (;;) {
            long t = tail.get();
            if ((t & SEALED_BIT) != 0) {
                return SEALED;
            }
            if (tail.compareAndSet(t, t + 1)) {
                return t;
            }
        }
    }

    /** Anyone: whether a {@link #claim} would find no free slot now (a snapshot: it may change at once). */
    boolean isFull() {
        long t = tail.get() & ~SEALED_BIT;
        return (long) SEQUENCES.getAcquire(sequences, (int) t & mask) < t;
    }

    /** Producers: what the claimed position's slot kept from its last use (a reusable holder), or null. */
    Object slot(long position) {
        return events[(int) position & mask];
    }

    /**
     * Producers: fills the claimed position and hands it to the consumer. An event that is not to be
     * encoded after all (refused after its slot was claimed) is published with a null encoder: the
     * consumer skips it.
     */
    void publish(long position, Object event, Object encoder, long reservedRoom, int sizeHint) {
        int slot = (int) position & mask;
        events[slot] = event;
        encoders[slot] = encoder;
        reserved[slot] = reservedRoom;
        hints[slot] = sizeHint;
        SEQUENCES.setRelease(sequences, slot, position + 1);
    }

    /** Producers: publishes a position taken with {@link #claimWithoutSlot}; the consumer takes it in its turn. */
    void publishBeyond(long position, Object event, Object encoder, long reservedRoom, int sizeHint) {
        beyond.publish(position, event, encoder, reservedRoom, sizeHint);
    }

    /**
     * Consumer: takes the next published slot, if any, into {@link #event()}, {@link #encoder()},
     * {@link #reserved()} and {@link #sizeHint()}; the slot is the consumer's until {@link #release}.
     * False when the next position is empty or claimed but not yet published.
     */
    boolean poll() {
        if (holding) {
            throw new IllegalStateException("release the polled slot first");
        }
        int slot = (int) head & mask;
        long sequence = (long) SEQUENCES.getAcquire(sequences, slot);
        if (sequence == head + 1) {
            polledEvent = events[slot];
            polledEncoder = encoders[slot];
            polledReserved = reserved[slot];
            polledHint = hints[slot];
            polledFromSlot = true;
        } else {
            PositionsWithoutSlot.Entry next = beyond.take(head);
            if (next == null) {
                return false;
            }
            polledEvent = next.event;
            polledEncoder = next.encoder;
            polledReserved = next.reserved;
            polledHint = next.hint;
            polledFromSlot = false;
        }
        holding = true;
        return true;
    }

    /** Consumer: gives the polled slot back to producers; it forgets its event and encoder. */
    void release() {
        release(false);
    }

    /**
     * Consumer: gives the polled slot back to producers, keeping its event (a holder the next producer
     * refills) when {@code keepEvent}.
     */
    void release(boolean keepEvent) {
        if (!holding) {
            throw new IllegalStateException("no polled slot");
        }
        int slot = (int) head & mask;
        if (polledFromSlot) { // else the slot, unused by this position, is only passed on to the next lap
            if (!keepEvent) {
                events[slot] = null;
            }
            encoders[slot] = null;
        }
        polledEvent = null;
        polledEncoder = null;
        holding = false;
        SEQUENCES.setRelease(sequences, slot, head + mask + 1);
        HEAD.setRelease(this, head + 1);
    }

    /** Consumer: the event of the slot polled last. */
    Object event() {
        return polledEvent;
    }

    /** Consumer: the encoder given with that event (null: skip it). */
    Object encoder() {
        return polledEncoder;
    }

    /** Consumer: the buffer room reserved for that event. */
    long reserved() {
        return polledReserved;
    }

    /** Consumer: the size hint given with that event. */
    int sizeHint() {
        return polledHint;
    }

    /** Refuses every later claim; idempotent. Events already claimed are still published and polled. */
    void seal() {
        long t;
        do {
            t = tail.get();
        } while ((t & SEALED_BIT) == 0 && !tail.compareAndSet(t, t | SEALED_BIT));
    }

    boolean isSealed() {
        return (tail.get() & SEALED_BIT) != 0;
    }

    /** Consumer: whether everything claimed before the ring was sealed has been polled. */
    boolean sealedAndEmpty() {
        long t = tail.get();
        return (t & SEALED_BIT) != 0 && head == (t & ~SEALED_BIT);
    }

    /** Positions claimed so far (published or about to be). */
    long claimed() {
        return tail.get() & ~SEALED_BIT;
    }

    /** Anyone: positions the consumer released so far (it moves while events are encoded). */
    long released() {
        return (long) HEAD.getAcquire(this);
    }

    /**
     * Anyone, for a consumer that cannot poll (stuck in an encoder): the events published and not yet
     * released, the polled one included, but for those published as slots to skip. A snapshot: exact
     * when the consumer and the producers stand still.
     */
    long pendingEvents() {
        long pending = beyond.waiting() + (holding && !polledFromSlot ? 1 : 0); // the one taken last, if held
        long from = released();
        long end = Math.min(claimed(), from + capacity()); // a slot holds a position of the consumer's lap at most
        for (long position = from; position < end; position++) {
            int slot = (int) position & mask;
            if ((long) SEQUENCES.getAcquire(sequences, slot) == position + 1 && encoders[slot] != null) {
                pending++;
            }
        }
        return pending;
    }

    /** Consumer: events claimed and not yet released. */
    long size() {
        return claimed() - head;
    }

    int capacity() {
        return mask + 1;
    }
}
