package io.github.appendlog.intake;

import io.github.appendlog.pipeline.EventCopier;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.pipeline.PipelineThreadFactory;

import io.github.appendlog.buffer.EventBuffer;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Encoding off the logging thread: a logging thread reserves buffer room for its event (an estimate
 * of the encoded size), drops it right there if there is none (counted, as an encoded event would
 * be), and otherwise puts the event into a {@link HandoffRing}; the encoder thread
 * ({@code appendlog-encoder-<name>}) encodes events in ring order into the {@link EventBuffer},
 * correcting each reservation to the real size. An adapter whose framework reuses its events hands
 * them over through an {@link EventCopier}: the logging thread copies the event into a spare holder
 * of its own (a thread-local of this stage) before it reserves or claims anything, so that the
 * application's code the copy may run (an argument's {@code toString()}) holds up no other thread;
 * it then publishes that holder in its slot and keeps the slot's emptied holder as its next spare,
 * so that in the steady state the hand-off allocates nothing.
 *
 * <p>Wake-ups are batched, as the sender's are: a logging thread unparks the encoder only once per
 * {@link #WAKE_EVERY} positions (or when its reservation fills a batch). An encoder that found events looks
 * again after {@code flushInterval} at the latest; one that found none sleeps until the next offer
 * wakes it. Encoding from the ring is serialized by one lock ({@link RingDrainer}), held for at most
 * {@value #PASS_EVENTS} events at a time by the encoder thread; logging threads never take it.
 *
 * <p>A logging thread that finds the ring full (the application logs faster than the encoder
 * encodes, or the encoder is stuck in a layout) encodes its own event itself, before it takes a
 * position, as a file appender would, and queues the bytes behind the ring
 * ({@link HandoffRing#claimWithoutSlot}): it waits for nobody and helps nobody. Such bytes hold
 * their exact room plus {@value #QUEUED_OVERHEAD_BYTES} bytes in the buffer until the drainer adds
 * them, so the buffer's bound, not the ring's, limits how many wait; past it the event is dropped
 * (or, with {@code overflowPolicy=BLOCK}, waits for room up to {@code maxBlockTime}), counted. An
 * adapter that sees the ring full ({@link #isFull}) may skip its copy and offer its own event to be
 * encoded here ({@link #offerHere}). A thread's events keep the order of its calls: positions are
 * claimed in call order and added in position order, whether they went through a slot or not.
 * Each logging thread keeps one spare holder.
 *
 * <p>Whatever the encoder, the layout or the copier throws (Errors included) drops that one event,
 * counted and reported by the sender; its slot and reservation are released. {@link #stop} waits
 * for the encoder at most until its deadline; {@link #abandonRemaining} never waits: when the lock's
 * holder is stuck in a layout it counts what is left from the ring's positions and leaves their
 * reservations to the closed buffer.
 *
 * <p>The estimate is the adapter's size hint (the message's length, say) plus an overhead the stage
 * learns from the sizes it encodes (the pattern's dates, levels, names): a reservation is right on
 * average, and the buffer may go past {@code maxBufferBytes} by at most the estimate errors of the
 * events in the ring (it holds {@link #CAPACITY} events).
 */
final class EncodingStage {
    static final int CAPACITY = 4096;
    static final int WAKE_EVERY = 512;
    /** The encoder thread encodes at most this many per hold of the lock, so that it lets go often. */
    static final int PASS_EVENTS = 64;
    /** The first guess of what encoding adds to the size hint; learned afterwards. */
    static final int INITIAL_OVERHEAD_BYTES = 128;
    private static final VarHandle SLEEPING;
    /** The encoder of events encoded on the logging thread: their bytes. */
    static final EventEncoder<byte[]> ENCODED = ByteBuffer::wrap;
    /**
     * What an event queued behind the ring holds besides its room in the buffer (its byte array's
     * header, its entry, the queue's node), reserved with it so that {@code maxBufferBytes} bounds
     * the memory held; given back once the bytes are in the buffer.
     */
    static final int QUEUED_OVERHEAD_BYTES = 96;

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
    private final RingDrainer drainer;
    /** Each logging thread's spare holder (in a one-element box, so that swapping it costs no set()). */
    private final ThreadLocal<Object[]> spares = ThreadLocal.withInitial(() -> new Object[1]);
    private final Thread thread;
    private final long flushIntervalNanos;
    /** Set by the encoder thread before it parks with nothing to do: the next offer wakes it. */
    private volatile boolean sleeping;

    EncodingStage(Admission admission, Runnable wakeSender, PipelineThreadFactory threads, long flushIntervalNanos) {
        this.admission = admission;
        this.wakeSender = wakeSender;
        this.drainer = new RingDrainer(ring, admission, wakeSender, INITIAL_OVERHEAD_BYTES);
        this.flushIntervalNanos = flushIntervalNanos;
        this.thread = threads.newThread(this::run);
    }

    Thread thread() {
        return thread;
    }

    /** Events handed over with a reservation (each counted by the position it took in the ring). */
    long handedOver() {
        return ring.claimed();
    }

    /** What encoding was seen to add to the size hints (the estimate's learned part). */
    int overheadBytes() {
        return drainer.overheadBytes();
    }

    void start() {
        thread.start();
    }

    /**
     * Logging threads: reserves room and hands the event over, or encodes it here if the ring is
     * full; or drops it (counted by the admission).
     */
    boolean offer(Object event, EventEncoder<?> encoder, boolean important, int sizeHint) {
        int hint = Math.max(0, sizeHint);
        long room = admission.roomFor((long) hint + drainer.overheadBytes());
        if (!admission.reserve(room, important)) {
            return false; // counted
        }
        long position = ring.claim();
        if (position == HandoffRing.FULL) {
            @SuppressWarnings("unchecked")
            EventEncoder<Object> own = (EventEncoder<Object>) encoder;
            return encodeHere(event, own, room, hint);
        }
        if (position < 0) {
            admission.refuseReserved(room, true);
            return false;
        }
        ring.publish(position, event, encoder, room, hint);
        handedOver(position);
        return true;
    }

    /**
     * Logging threads: copies the event into this thread's spare holder (the copy may run the
     * application's code; nothing shared is held meanwhile), reserves room for what the copy says it
     * will take, claims a slot and publishes the holder there, keeping the slot's emptied holder as
     * the next spare; or drops the event (counted). Whatever the copier throws drops the event only.
     */
    <E, H> boolean offer(E event, EventCopier<? super E, H> copier, boolean important) {
        Object[] spare = spares.get();
        Class<H> type = copier.holderType();
        H holder = type.isInstance(spare[0]) ? type.cast(spare[0]) : copier.newHolder();
        spare[0] = null; // in use: an event logged meanwhile on this thread (by a layout) takes another
        int hint;
        try {
            hint = Math.max(0, copier.copy(event, holder));
        } catch (Throwable e) {
            admission.copyFailed(e);
            try {
                copier.clear(holder); // it may be half-filled
                spare[0] = holder;
            } catch (Throwable again) {
                // not reused; the failure of this event is counted once
            }
            return false;
        }
        long room = admission.roomFor((long) hint + drainer.overheadBytes());
        if (!admission.reserve(room, important)) { // counted
            spare[0] = drainer.cleared(copier, holder);
            return false;
        }
        long position = ring.claim();
        if (position == HandoffRing.FULL) {
            boolean accepted = encodeHere(holder, copier, room, hint);
            spare[0] = drainer.cleared(copier, holder);
            return accepted;
        }
        if (position < 0) {
            admission.refuseReserved(room, true);
            spare[0] = drainer.cleared(copier, holder);
            return false;
        }
        Object kept = ring.slot(position);
        ring.publish(position, holder, copier, room, hint);
        spare[0] = kept;
        handedOver(position);
        return true;
    }

    /** Whether the ring is full now: an event offered now is encoded on the logging thread (a snapshot). */
    boolean isFull() {
        return ring.isFull();
    }

    /**
     * Logging threads: encodes the event here, now, and queues its bytes behind the events handed over
     * before it (for an adapter that found the ring full, {@link #isFull}: it skips the copy a hand-off
     * needs); or drops it (counted). Whatever the encoder throws drops this event only, counted.
     */
    <E> boolean offerHere(E event, EventEncoder<? super E> encoder, boolean important) {
        byte[] bytes = encodedHere(event, encoder, 0);
        if (bytes == null) {
            return false;
        }
        long room = EventBuffer.roomOf(bytes.length) + QUEUED_OVERHEAD_BYTES;
        return admission.reserve(room, important) && queueBehindRing(bytes, room, -1); // else counted
    }

    /**
     * The ring is full: encodes the event on this thread (the application's layout on the
     * application's thread, as a file appender runs it) before it takes a position, and queues the
     * bytes behind the ring, in turn, in the room reserved for it (corrected to their size now). Never
     * waits for anyone.
     */
    private <E> boolean encodeHere(E event, EventEncoder<? super E> encoder, long room, int hint) {
        byte[] bytes = encodedHere(event, encoder, room);
        if (bytes == null) {
            return false;
        }
        long exact = EventBuffer.roomOf(bytes.length) + QUEUED_OVERHEAD_BYTES;
        admission.correctReserved(exact - room);
        return queueBehindRing(bytes, exact, hint);
    }

    /**
     * The event's bytes, encoded on this thread (cut to {@code maxEventBytes}); or null when the
     * encoder threw anything: the event is dropped, counted, and {@code reservedRoom} given back.
     */
    private <E> byte[] encodedHere(E event, EventEncoder<? super E> encoder, long reservedRoom) {
        try {
            return admission.encodedCopy(encoder.encode(event));
        } catch (Throwable e) {
            admission.encodeFailedHere(reservedRoom, e);
            return null;
        }
    }

    /** Takes the next position without a slot for encoded bytes whose room is reserved, or refuses them after stop. */
    private boolean queueBehindRing(byte[] bytes, long room, int hint) {
        long position = ring.claimWithoutSlot();
        if (position < 0) {
            admission.refuseReserved(room, true);
            return false;
        }
        ring.publishBeyond(position, bytes, ENCODED, room, hint);
        handedOver(position);
        return true;
    }

    /** Wakes the encoder once per {@link #WAKE_EVERY} events, or when it sleeps with nothing to do. */
    private void handedOver(long position) {
        if ((position & (WAKE_EVERY - 1)) == WAKE_EVERY - 1 || (sleeping && SLEEPING.compareAndSet(this, true, false))) {
            LockSupport.unpark(thread);
        }
    }

    /** The sender, before it forms a batch: what was handed over goes into the buffer (one pass, if the lock is free). */
    void drain() {
        drainer.tryDrain(PASS_EVENTS);
    }

    /**
     * Refuses later events, lets the encoder thread encode what the ring holds, and waits for it
     * until {@code deadlineNanos}; then encodes what is still there itself, if it gets the lock by
     * then. Returns by the deadline, even when the encoder is stuck in a layout.
     */
    void stop(long deadlineNanos) {
        ring.seal();
        LockSupport.unpark(thread);
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
            drainer.drainUntil(deadlineNanos, PASS_EVENTS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After {@link #stop}: the events it could not encode in time, counted; never waits (see
     * {@link RingDrainer#abandonRemaining}).
     */
    long abandonRemaining() {
        return drainer.abandonRemaining();
    }

    private void run() {
        while (true) {
            int encoded = drainer.drain(PASS_EVENTS);
            wakeSender.run(); // also after offers of encoded bytes, which wake this thread
            if (ring.isSealed()) {
                if (drainer.finished()) {
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
                if (drainer.idle()) {
                    LockSupport.park(this);
                }
                sleeping = false;
            }
        }
    }
}
