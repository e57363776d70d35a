package io.github.appendlog.intake;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a logging thread does when the {@link HandoffRing} is full: it encodes at most
 * {@value EncodingStage#HELP_EVENTS} events itself when no other thread encodes, and otherwise waits
 * for a slot, spinning, then yielding, then parking between looks. With {@code overflowPolicy=BLOCK}
 * it waits at most {@code maxBlockTime} in all (room and slot); else while the ring moves, for at
 * most {@value EncodingStage#STALL_MILLIS} ms without movement and
 * {@value EncodingStage#MAX_DROP_WAIT_MILLIS} ms in all; then it gives up (the caller drops the
 * event). Once a waiter saw the ring stand still, later callers give up at once until it moves
 * again. A thread that is encoding (a layout that logs) gives up at once: it cannot wait for itself.
 */
final class FullRingWaiter {
    private static final long MAX_DROP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(EncodingStage.MAX_DROP_WAIT_MILLIS);
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(EncodingStage.STALL_MILLIS);
    /**
     * A caller waiting for a slot spins this many looks (the encoder frees one every microsecond or
     * so; yielding on a busy machine can cost a whole time slice), then yields this many, then parks
     * this long between looks.
     */
    private static final int SPINS = 256;
    private static final int YIELDS = SPINS + 32;
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final HandoffRing ring;
    private final RingDrainer drainer;
    private final Admission admission;
    /** The released count at which a waiter saw the ring stand still (DROP: later callers give up at once). */
    private volatile long stalledAt = -1;

    FullRingWaiter(HandoffRing ring, RingDrainer drainer, Admission admission) {
        this.ring = ring;
        this.drainer = drainer;
        this.admission = admission;
    }

    /**
     * Claims a slot of the full ring, helping or waiting as the class comment says; or
     * {@link HandoffRing#FULL}.
     *
     * @param waitingSince when the caller began to wait for room, or {@link EncodingStage#NOT_WAITED}
     */
    long claim(long waitingSince) {
        if (drainer.isDrainingHere()) {
            return HandoffRing.FULL;
        }
        boolean block = admission.waitsForRoom();
        long seen = ring.released();
        if (!block && seen == stalledAt) {
            return HandoffRing.FULL; // the ring stood still for a caller before this one
        }
        long now = System.nanoTime();
        long since = waitingSince == EncodingStage.NOT_WAITED ? now : waitingSince;
        long movedAt = now;
        for (int round = 0;; round++) {
            if (drainer.tryDrain(EncodingStage.HELP_EVENTS) >= 0) {
                // took a small share, in order (or found the next slot not yet published): claim again
            } else if (round < SPINS) {
                Thread.onSpinWait();
            } else if (round < YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS); // on a small machine a spinning caller takes the encoder's CPU
            }
            long position = ring.claim();
            if (position != HandoffRing.FULL) {
                return position;
            }
            now = System.nanoTime();
            long released = ring.released();
            if (released != seen) {
                seen = released;
                movedAt = now;
            }
            if (block ? now - since >= admission.blockNanos() : now - since >= MAX_DROP_WAIT_NANOS) {
                return HandoffRing.FULL;
            }
            if (!block && now - movedAt >= STALL_NANOS) {
                stalledAt = released;
                return HandoffRing.FULL;
            }
        }
    }
}
