package io.github.appendlog.intake;

import io.github.appendlog.pipeline.EventCopier;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.pipeline.PipelineThreadFactory;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.intake.HandoffRing;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encoding off the logging thread: a logging thread reserves buffer room for its event (an estimate
 * of the encoded size), drops it right there if there is none (counted, as an encoded event would
 * be), and otherwise puts the event into a {@link HandoffRing}; the encoder thread
 * ({@code appendlog-encoder-<name>}) encodes events in ring order into the {@link EventBuffer},
 * correcting each reservation to the real size. An adapter whose framework reuses its events hands
 * them over through an {@link EventCopier}: the event is copied into a holder that its ring slot
 * keeps from lap to lap, so the logging thread allocates nothing.
 *
 * <p>Wake-ups are batched, as the sender's are: a logging thread unparks the encoder only once per
 * {@link #WAKE_EVERY} events (or when its reservation fills a batch). An encoder that found events
 * looks again after {@code flushInterval} at the latest; one that found none sleeps until the next
 * offer wakes it. So a busy pipeline wakes it about once per {@value #WAKE_EVERY} events, a quiet
 * one about once per {@code flushInterval}, an idle one never; and the sender drains the ring itself
 * before it forms a batch on its timer. When the ring is full (the encoder is behind), the logging
 * thread encodes a share of it itself, in order, instead of dropping. Encoding is serialized by one
 * lock, held for at most {@value #PASS_EVENTS} events at a time.
 *
 * <p>The estimate is the adapter's size hint (the message's length, say) plus an overhead the stage
 * learns from the sizes it encodes (the pattern's dates, levels, names): a reservation is right on
 * average, and the buffer may go past {@code maxBufferBytes} by at most the estimate errors of the
 * events in the ring (it holds {@link #CAPACITY} events).
 */
public final class EncodingStage {
    public static final int CAPACITY = 4096;
    static final int WAKE_EVERY = 512;
    /** At most this many events are encoded per hold of the lock, so that no drainer waits long for it. */
    static final int PASS_EVENTS = 256;
    /** A logging thread that finds the ring full encodes at most this many, to keep its call short. */
    public static final int HELP_EVENTS = 256;
    /** The first guess of what encoding adds to the size hint; learned afterwards. */
    static final int INITIAL_OVERHEAD_BYTES = 128;
    /** An overhead seen counts as at most this much (a huge event says little about the next ones). */
    private static final int MAX_OVERHEAD_BYTES = 64 * 1024;
    /** The learned overhead moves 1/16 of the way to each overhead seen (a moving average). */
    private static final int LEARNING_SHIFT = 4;
    private static final VarHandle SLEEPING;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(EncodingStage.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Admission admission;
    /** Wakes the sender if a batch's worth is waiting. */
    private final Runnable wakeSender;
    private final HandoffRing ring = new HandoffRing(CAPACITY);
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Thread thread;
    private final long flushIntervalNanos;
    /** Positions published as slots to skip (their events were refused or could not be copied). */
    private final LongAdder skipped = new LongAdder();
    private volatile int overheadBytes = INITIAL_OVERHEAD_BYTES;
    /** Set by the encoder thread before it parks with nothing to do: the next offer wakes it. */
    private volatile boolean sleeping;

    public EncodingStage(Admission admission, Runnable wakeSender, PipelineThreadFactory threads, long flushIntervalNanos) {
        this.admission = admission;
        this.wakeSender = wakeSender;
        this.flushIntervalNanos = flushIntervalNanos;
        this.thread = threads.newThread(this::run);
    }

    public Thread thread() {
        return thread;
    }

    /** Events handed over with a reservation (each counted by the position it took in the ring). */
    public long handedOver() {
        return ring.claimed() - skipped.sum();
    }

    /** What encoding was seen to add to the size hints (the estimate's learned part). */
    public int overheadBytes() {
        return overheadBytes;
    }

    public void start() {
        thread.start();
    }

    /** Logging threads: reserves room and hands the event over, or drops it (counted by the admission). */
    public boolean offer(Object event, EventEncoder<?> encoder, boolean important, int sizeHint) {
        int hint = Math.max(0, sizeHint);
        long room = admission.roomFor((long) hint + overheadBytes);
        if (!admission.reserve(room, important)) {
            return false;
        }
        long position = claim();
        if (position < 0) {
            admission.refuseReserved(room, position == HandoffRing.SEALED);
            return false;
        }
        ring.publish(position, event, encoder, room, hint);
        handedOver(position);
        return true;
    }

    /**
     * Logging threads: copies the event into the holder its slot keeps (made on the slot's first use),
     * reserves room for what the copy says it will take, and hands it over; or drops it (counted). The
     * slot is claimed before the copy, so the room is reserved without waiting: a claimed slot holds
     * up the encoder, and with it the sender that frees room. With {@code overflowPolicy=BLOCK} and no
     * room, the event waits for room outside the ring, in a holder of its own.
     */
    public <E, H> boolean offer(E event, EventCopier<? super E, H> copier, boolean important) {
        long position = claim();
        if (position < 0) {
            admission.refuse(position == HandoffRing.SEALED);
            return false;
        }
        H holder = holderFor(position, copier);
        EventBuffer.Outcome outcome = EventBuffer.Outcome.FULL;
        int hint = 0;
        long room = 0;
        try {
            hint = Math.max(0, copier.copy(event, holder));
            room = admission.roomFor((long) hint + overheadBytes);
            outcome = admission.reserveNow(room, important);
        } finally {
            if (outcome == EventBuffer.Outcome.ACCEPTED) {
                ring.publish(position, holder, copier, room, hint);
            } else {
                giveUp(position, copier, holder); // the slot must be published whatever happened
            }
        }
        if (outcome == EventBuffer.Outcome.ACCEPTED) {
            handedOver(position);
            return true;
        }
        if (outcome == EventBuffer.Outcome.FULL && admission.waitsForRoom()) {
            H own = copier.newHolder();
            return offer(own, copier, important, copier.copy(event, own));
        }
        return false;
    }

    private <H> H holderFor(long position, EventCopier<?, H> copier) {
        Object kept = ring.slot(position);
        Class<H> type = copier.holderType();
        return type.isInstance(kept) ? type.cast(kept) : copier.newHolder();
    }

    /** Publishes a claimed slot as one to skip: its event was refused (and counted) or could not be copied. */
    private <H> void giveUp(long position, EventCopier<?, H> copier, H holder) {
        skipped.increment();
        try {
            copier.clear(holder);
        } finally {
            ring.publish(position, holder, null, 0, 0);
        }
    }

    /**
     * Claims a slot, taking turns at encoding while the ring is full; or {@link HandoffRing#SEALED}; or
     * {@link HandoffRing#FULL} for an event logged by a thread that is encoding (a layout that logs)
     * when the ring is full: it cannot wait for itself.
     */
    private long claim() {
        for (;;) {
            long position = ring.claim();
            if (position != HandoffRing.FULL || drainLock.isHeldByCurrentThread()) {
                return position;
            }
            helpDrain();
        }
    }

    /** Wakes the encoder once per {@link #WAKE_EVERY} events, or when it sleeps with nothing to do. */
    private void handedOver(long position) {
        if ((position & (WAKE_EVERY - 1)) == WAKE_EVERY - 1 || (sleeping && SLEEPING.compareAndSet(this, true, false))) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * The ring is full (the encoder is behind): take a turn at encoding, in order, waiting for the
     * lock rather than spinning for it (on a small machine a spinning caller takes the CPU the encoder
     * needs). Yields when nothing moved (the next slot is claimed but not yet published).
     */
    private void helpDrain() {
        drainLock.lock();
        try {
            if (drainLocked(HELP_EVENTS) > 0) {
                return;
            }
        } finally {
            drainLock.unlock();
        }
        Thread.yield();
    }

    /** The sender, before it forms a batch: what was handed over goes into the buffer (one pass). */
    public void drain() {
        drainCounting();
    }

    /**
     * Refuses later events, lets the encoder thread encode what the ring holds, and waits for it
     * until {@code deadlineNanos}; then encodes what is still there itself.
     */
    public void stop(long deadlineNanos) {
        ring.seal();
        LockSupport.unpark(thread);
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainLock.lock();
        try {
            while (!ring.sealedAndEmpty() && System.nanoTime() - deadlineNanos < 0) {
                if (drainLocked(Integer.MAX_VALUE) == 0) {
                    Thread.yield();
                }
            }
        } finally {
            drainLock.unlock();
        }
    }

    /**
     * After {@link #stop}: gives back the room of the events it could not encode in time (an encoder
     * that hangs) and returns how many there were.
     */
    public long abandonRemaining() {
        drainLock.lock();
        try {
            long abandoned = 0;
            while (ring.poll()) {
                if (ring.encoder() != null) {
                    admission.giveBack(ring.reserved());
                    abandoned++;
                }
                release();
            }
            return abandoned;
        } finally {
            drainLock.unlock();
        }
    }

    private void run() {
        while (true) {
            int encoded = drainCounting();
            wakeSender.run(); // also after offers of encoded bytes, which wake this thread
            if (ring.isSealed()) {
                if (sealedAndEmpty()) {
                    return;
                }
                Thread.yield(); // a producer is publishing its last slot
            } else if (encoded == PASS_EVENTS) {
                continue; // more may be waiting: another pass (the lock was let go in between)
            } else if (encoded > 0) {
                LockSupport.parkNanos(this, flushIntervalNanos); // busy: look again soon, woken or not
            } else {
                // Nothing came in since the last look: sleep until a logging thread (or stop) wakes us.
                sleeping = true;
                if (isEmpty()) {
                    LockSupport.park(this);
                }
                sleeping = false;
            }
        }
    }

    private int drainCounting() {
        drainLock.lock();
        try {
            return drainLocked(PASS_EVENTS);
        } finally {
            drainLock.unlock();
        }
    }

    private boolean isEmpty() {
        drainLock.lock();
        try {
            return ring.size() == 0 && !ring.isSealed();
        } finally {
            drainLock.unlock();
        }
    }

    private boolean sealedAndEmpty() {
        drainLock.lock();
        try {
            return ring.sealedAndEmpty();
        } finally {
            drainLock.unlock();
        }
    }

    /**
     * Encodes up to {@code max} events from the ring, in order, and corrects their reservations with
     * one update of the shared byte count (not one per event: the logging threads update it too);
     * then wakes the sender if a batch is waiting.
     *
     * @return how many slots were taken from the ring
     */
    @SuppressWarnings("unchecked")
    private int drainLocked(int max) {
        int taken = 0;
        int encoded = 0;
        long correction = 0;
        long learned = overheadBytes;
        while (taken < max && ring.poll()) {
            taken++;
            Object encoder = ring.encoder();
            if (encoder != null) { // null: refused after its slot was claimed, and counted then
                long room = ring.reserved();
                ByteBuffer bytes = encode((EventEncoder<Object>) encoder, ring.event(), room);
                encoded++;
                if (bytes != null) {
                    int length = bytes.remaining();
                    correction += admission.addEncoded(bytes.array(), bytes.arrayOffset() + bytes.position(), length) - room;
                    long seen = Math.max(0, Math.min(MAX_OVERHEAD_BYTES, (long) length - ring.sizeHint()));
                    learned += (seen - learned) >> LEARNING_SHIFT;
                }
            }
            release();
        }
        if (encoded > 0) {
            admission.correctReserved(correction);
            overheadBytes = (int) learned;
            wakeSender.run();
        }
        return taken;
    }

    /** Gives the polled slot back; a copier's holder stays in it, emptied, for the next producer. */
    @SuppressWarnings("unchecked")
    private void release() {
        Object encoder = ring.encoder();
        boolean holder = encoder instanceof EventCopier;
        if (holder) {
            try {
                ((EventCopier<?, Object>) encoder).clear(ring.event());
            } catch (RuntimeException e) {
                holder = false; // not reused
            }
        }
        ring.release(holder || encoder == null);
    }

    private ByteBuffer encode(EventEncoder<Object> encoder, Object event, long room) {
        try {
            return encoder.encode(event);
        } catch (RuntimeException e) {
            admission.encodeFailed(room, e);
            return null;
        }
    }
}
