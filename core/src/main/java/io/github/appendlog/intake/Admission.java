package io.github.appendlog.intake;

import io.github.appendlog.status.EventLedger;
import io.github.appendlog.pipeline.AppendPipeline;

import io.github.appendlog.buffer.EventBuffer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Whether an event gets into the buffer, decided on the logging thread, and the counts of what did
 * not: encoded events are admitted with their bytes ({@link #offer}); events handed to the
 * {@link EncodingStage} are admitted by a reservation of their estimated room ({@link #reserve}), which
 * the stage later turns into bytes ({@link #addEncoded}, {@link #correctReserved}) or gives back.
 * Events longer than {@code maxEventBytes} are truncated here. Every refusal is counted (drops by
 * reason, refusals after stop, events that could not be encoded) in the {@link EventLedger}.
 */
final class Admission {
    private final EventBuffer buffer;
    private final EventTruncator truncator;
    private final EventLedger ledger;
    /** How long an event may wait for room: 0 unless {@code overflowPolicy=BLOCK}. */
    private final long blockNanos;

    Admission(EventBuffer buffer, EventTruncator truncator, EventLedger ledger, long blockNanos) {
        this.buffer = buffer;
        this.truncator = truncator;
        this.ledger = ledger;
        this.blockNanos = blockNanos;
    }

    /**
     * The room to reserve for an event not encoded yet, of {@code estimatedBytes}: the room it takes,
     * but never more than a {@code maxEventBytes} event takes, as longer events are truncated to that
     * (marker included) before they are added. So a huge size hint neither fills the buffer nor is
     * refused as larger than it.
     */
    long roomFor(long estimatedBytes) {
        return EventBuffer.roomOf(Math.min(Math.max(0, estimatedBytes), truncator.maxEventBytes()));
    }

    /** An encoded event: copied into the buffer, or refused and counted. */
    boolean offer(byte[] bytes, int offset, int length, boolean important) {
        ledger.offered();
        byte[] event = bytes;
        int from = offset;
        int count = length;
        byte[] cut = truncatedOrNull(bytes, offset, length);
        if (cut != null) {
            event = cut;
            from = 0;
            count = cut.length;
        }
        EventBuffer.Outcome outcome;
        try {
            outcome = buffer.offer(event, from, count, important, blockNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = EventBuffer.Outcome.FULL;
        }
        return accepted(outcome);
    }

    /** See {@link AppendPipeline#dropBeforeEncoding}: true when the event is surely dropped (counted). */
    boolean dropBeforeEncoding(boolean important) {
        EventBuffer.Outcome outcome = buffer.likelyOutcome(important, blockNanos > 0);
        if (outcome == EventBuffer.Outcome.ACCEPTED) {
            return false;
        }
        ledger.offered();
        if (outcome == EventBuffer.Outcome.BELOW_THRESHOLD) {
            ledger.droppedBelowWarn();
        } else {
            ledger.droppedBufferFull();
        }
        return true;
    }

    /**
     * An event not encoded yet: reserves its estimated room, or refuses it and counts the refusal. An
     * accepted event is not counted as offered here: the hand-off position it takes counts it (see
     * {@link EventLedger#countHandedOverBy}), which keeps a shared counter off the logging thread's path.
     */
    boolean reserve(long room, boolean important) {
        EventBuffer.Outcome outcome = reserve(room, important, blockNanos);
        return outcome == EventBuffer.Outcome.ACCEPTED || refused(outcome);
    }

    /** How long an event may wait ({@code maxBlockTime} with {@code overflowPolicy=BLOCK}, else 0). */
    long blockNanos() {
        return blockNanos;
    }

    /** Whether events wait for room ({@code overflowPolicy=BLOCK}). */
    boolean waitsForRoom() {
        return blockNanos > 0;
    }

    /**
     * An event that got no hand-off position: refused because stop had begun, or dropped as if the
     * buffer were full (an event logged while its own thread encodes, with the hand-off full).
     */
    void refuse(boolean stopping) {
        ledger.offered();
        if (stopping) {
            ledger.refusedAfterStop();
        } else {
            ledger.droppedBufferFull();
        }
    }

    /**
     * The encoded bytes of an event whose room was reserved; the caller corrects the reservations of
     * the events it added with {@link #correctReserved}, once for many.
     *
     * @return the room the event takes (after truncation)
     */
    long addEncoded(byte[] bytes, int offset, int length) {
        byte[] cut = truncatedOrNull(bytes, offset, length);
        if (cut != null) {
            buffer.addReserved(cut, 0, cut.length);
            return EventBuffer.roomOf(cut.length);
        }
        buffer.addReserved(bytes, offset, length);
        return EventBuffer.roomOf(length);
    }

    /** What the added events really take minus what was reserved for them. */
    void correctReserved(long delta) {
        buffer.correctReserved(delta);
    }

    /** Room reserved for an event that will not be added. */
    void giveBack(long reservedRoom) {
        buffer.release(reservedRoom);
    }

    /**
     * A reserved event that took no hand-off position: refused because stop had begun, or else
     * dropped as if the buffer were full (see {@link #refuse}).
     */
    void refuseReserved(long reservedRoom, boolean stopping) {
        giveBack(reservedRoom);
        refuse(stopping);
    }

    /**
     * A reserved event that could not be encoded (any Throwable from the encoder or layout): dropped
     * and counted; the sender reports it. Also a holder its copier could not clear (the event was
     * encoded; the holder is discarded), with no room to give back.
     */
    void encodeFailed(long reservedRoom, Throwable e) {
        giveBack(reservedRoom);
        ledger.encodeFailed(e);
    }

    /**
     * The bytes of an event encoded on the logging thread (the remaining bytes of {@code encoded}),
     * copied, and cut to {@code maxEventBytes} (counted) if longer.
     */
    byte[] encodedCopy(ByteBuffer encoded) {
        int offset = encoded.arrayOffset() + encoded.position();
        int length = encoded.remaining();
        byte[] cut = truncatedOrNull(encoded.array(), offset, length);
        return cut != null ? cut : Arrays.copyOfRange(encoded.array(), offset, offset + length);
    }

    /** A reserved event that could not be encoded on the logging thread: offered, dropped and counted. */
    void encodeFailedHere(long reservedRoom, Throwable e) {
        ledger.offered();
        encodeFailed(reservedRoom, e);
    }

    /** An event that could not be copied or encoded on the logging thread: offered, dropped and counted. */
    void copyFailed(Throwable e) {
        ledger.offered();
        encodeFailed(0, e);
    }

    /** The event cut to {@code maxEventBytes} (counted), or null when it fits. */
    private byte[] truncatedOrNull(byte[] bytes, int offset, int length) {
        if (!truncator.needsTruncation(length)) {
            return null;
        }
        ledger.truncated();
        return truncator.truncate(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The buffer's reservation, waiting up to {@code waitNanos}; an interrupted wait is refused as FULL. */
    private EventBuffer.Outcome reserve(long room, boolean important, long waitNanos) {
        try {
            return buffer.reserve(room, important, waitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EventBuffer.Outcome.FULL;
        }
    }

    /** Counts a refused reservation as offered and dropped or refused; returns false. */
    private boolean refused(EventBuffer.Outcome outcome) {
        ledger.offered();
        return accepted(outcome);
    }

    private boolean accepted(EventBuffer.Outcome outcome) {
        switch (outcome) {
            case ACCEPTED:
                return true;
            case BELOW_THRESHOLD:
                ledger.droppedBelowWarn();
                return false;
            case CLOSED:
                ledger.refusedAfterStop();
                return false;
            case FULL:
            default:
                ledger.droppedBufferFull();
                return false;
        }
    }
}
