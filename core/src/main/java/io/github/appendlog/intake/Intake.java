package io.github.appendlog.intake;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.pipeline.EventCopier;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.status.EventLedger;

/**
 * The intake's one entry point: takes each event from a logging thread into the {@link EventBuffer},
 * or refuses it, and counts every refusal in the {@link EventLedger}.
 *
 * <p>Encoded events are admitted at once ({@link #offer(byte[], int, int, boolean)}); events longer
 * than {@code maxEventBytes} are truncated with a marker. Made {@link #withEncoderThread with an
 * encoder thread}, the intake also takes events not encoded yet
 * ({@link #offer(Object, EventEncoder, boolean, int)}, {@link #offer(Object, EventCopier, boolean)}):
 * room is reserved from an estimate on the logging thread, the event goes into a hand-off of at most
 * {@link #HANDOFF_CAPACITY} events, and the encoder thread encodes it into the buffer, in the order
 * of the calls; when the hand-off is full the logging thread encodes its event itself and queues the
 * bytes in turn behind it ({@link #encodesHereNow}, {@link #offerHere}), waiting for nobody. Made {@link #onCallerThread on the caller's thread}, it takes encoded events only;
 * the handed-over methods must not be called, and the lifecycle methods do nothing.
 *
 * <p>A call never touches the network and never blocks, except with a block time (the
 * {@code overflowPolicy=BLOCK}), up to that time. The caller refuses calls from the pipeline's own
 * threads itself. {@link #stop} returns by its deadline even when an encoder is stuck in a layout;
 * {@link #abandonRemaining} never waits.
 */
public final class Intake {
    /** The most events the hand-off holds between the logging threads and the encoder thread. */
    public static final int HANDOFF_CAPACITY = EncodingStage.CAPACITY;

    private final Admission admission;
    /** Null when events are encoded on the caller's thread. */
    private final EncodingStage encoding;

    private Intake(Admission admission, EncodingStage encoding) {
        this.admission = admission;
        this.encoding = encoding;
    }

    /**
     * An intake for encoded events only ({@code encodeOnCallerThread}).
     *
     * @param blockNanos how long an event may wait for room: {@code maxBlockTime} with
     *        {@code overflowPolicy=BLOCK}, else 0
     */
    public static Intake onCallerThread(EventBuffer buffer, EventLedger ledger, int maxEventBytes, long blockNanos) {
        return new Intake(new Admission(buffer, new EventTruncator(maxEventBytes), ledger, blockNanos), null);
    }

    /**
     * An intake whose encoder thread (made by {@code encoderThreads}, started by {@link #start})
     * encodes handed-over events; it runs {@code wakeSender} after it added events, and looks for
     * more at least every {@code flushIntervalNanos} while events come in. Counts the events handed
     * over in {@code ledger} ({@link EventLedger#countHandedOverBy}).
     */
    public static Intake withEncoderThread(EventBuffer buffer, EventLedger ledger, int maxEventBytes, long blockNanos,
            PipelineThreadFactory encoderThreads, Runnable wakeSender, long flushIntervalNanos) {
        Admission admission = new Admission(buffer, new EventTruncator(maxEventBytes), ledger, blockNanos);
        EncodingStage encoding = new EncodingStage(admission, wakeSender, encoderThreads, flushIntervalNanos);
        ledger.countHandedOverBy(encoding::handedOver);
        return new Intake(admission, encoding);
    }

    /** Whether events are encoded on the caller's thread (no encoder thread, no hand-off). */
    public boolean encodesOnCallerThread() {
        return encoding == null;
    }

    /** The encoder thread, or null when events are encoded on the caller's thread. */
    public Thread encoderThread() {
        return encoding == null ? null : encoding.thread();
    }

    /** Starts the encoder thread, if there is one. */
    public void start() {
        if (encoding != null) {
            encoding.start();
        }
    }

    /**
     * An encoded event in {@code bytes[offset, offset+length)}: copied into the buffer before this
     * returns, or refused (counted).
     *
     * @return false if the event was dropped or refused after stop
     */
    public boolean offer(byte[] bytes, int offset, int length, boolean important) {
        return admission.offer(bytes, offset, length, important);
    }

    /**
     * An event not encoded yet (it must not change afterwards), encoded later by {@code encoder} on
     * the encoder thread; room is reserved now from {@code sizeHint} plus the learned overhead of
     * encoding. Only with an encoder thread.
     *
     * @return false if the event was dropped or refused after stop (counted)
     */
    public boolean offer(Object event, EventEncoder<?> encoder, boolean important, int sizeHint) {
        return encoding.offer(event, encoder, important, sizeHint);
    }

    /**
     * An event copied by {@code copier} into a holder the intake reuses, encoded later on the
     * encoder thread; whatever the copier throws drops that event only (counted). Only with an
     * encoder thread.
     *
     * @return false if the event was dropped or refused after stop (counted)
     */
    public <E, H> boolean offer(E event, EventCopier<? super E, H> copier, boolean important) {
        return encoding.offer(event, copier, important);
    }

    /**
     * Whether an event offered now should be encoded on the calling thread: always without an encoder
     * thread; else while the hand-off is full (a snapshot: either offer is right whatever it says).
     */
    public boolean encodesHereNow() {
        return encoding == null || encoding.isFull();
    }

    /**
     * An event encoded by {@code encoder} on this thread, now, and queued behind every event handed
     * over before it; whatever the encoder throws drops this event only (counted). Only with an
     * encoder thread (else encode and {@link #offer(byte[], int, int, boolean) offer the bytes}).
     *
     * @return false if the event was dropped or refused after stop (counted)
     */
    public <E> boolean offerHere(E event, EventEncoder<? super E> encoder, boolean important) {
        return encoding.offerHere(event, encoder, important);
    }

    /**
     * True, and the drop counted as an offer would count it, when an event of this importance would
     * surely be dropped now whatever its bytes; false otherwise (the caller then offers it).
     */
    public boolean dropBeforeEncoding(boolean important) {
        return admission.dropBeforeEncoding(important);
    }

    /** Moves what was handed over into the buffer (one pass, if no other thread is encoding); never waits. */
    public void drain() {
        if (encoding != null) {
            encoding.drain();
        }
    }

    /**
     * Refuses later handed-over events and encodes what the hand-off holds, until
     * {@code deadlineNanos} at the latest ({@link System#nanoTime}).
     */
    public void stop(long deadlineNanos) {
        if (encoding != null) {
            encoding.stop(deadlineNanos);
        }
    }

    /** After {@link #stop}: the handed-over events that were not encoded in time, counted once; never waits. */
    public long abandonRemaining() {
        return encoding == null ? 0 : encoding.abandonRemaining();
    }

    /** Events handed over to the encoder thread so far (0 without one). */
    public long handedOver() {
        return encoding == null ? 0 : encoding.handedOver();
    }

    /** What encoding was seen to add to the size hints, the learned part of the estimate (0 without an encoder thread). */
    public int overheadBytes() {
        return encoding == null ? 0 : encoding.overheadBytes();
    }
}
