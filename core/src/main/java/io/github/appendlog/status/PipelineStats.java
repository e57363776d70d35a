package io.github.appendlog.status;

import java.time.Clock;
import java.time.Instant;

/**
 * A snapshot of a pipeline since it started: every event's fate (counted in {@link EventLedger}), and
 * what the sender knows now ({@link DeliveryState}: the object and position, the last error and
 * success, retries, what waits to be sent). Immutable, so safe to share between threads; each value
 * is read once when the snapshot is taken, not all at one instant (a count may be a few events ahead
 * of another).
 */
public final class PipelineStats {
    private final long offered;
    private final long appendedEvents;
    private final long droppedBufferFull;
    private final long droppedBelowWarn;
    private final long truncated;
    private final long unflushedAtStop;
    private final long refusedAfterStop;
    private final long batchesSent;
    private final long bytesSent;
    private final long failedAppends;
    private final long encodeFailures;
    private final long retries;
    private final long journalledEvents;
    private final long droppedJournalFull;
    private final long journalLost;
    private final long journalBytes;
    private final long journalBacklogBytes;
    private final long bufferedBytes;
    private final long oldestUnsentAgeMillis;
    private final String objectKey;
    private final long objectPosition;
    private final Instant lastErrorTime;
    private final String lastError;
    private final Instant lastSuccessTime;

    /** Reads the ledger's counts and its sender's state; {@code bufferedBytes} is what the buffer holds now. */
    PipelineStats(EventLedger ledger, long bufferedBytes) {
        DeliveryState delivery = ledger.delivery();
        this.offered = ledger.offeredInAll();
        this.appendedEvents = ledger.appendedEvents();
        this.droppedBufferFull = ledger.bufferFull();
        this.droppedBelowWarn = ledger.belowWarn();
        this.truncated = ledger.truncatedEvents();
        this.unflushedAtStop = ledger.unsentEvents();
        this.refusedAfterStop = ledger.refusedAfterStopCount();
        this.batchesSent = ledger.batchesSent();
        this.bytesSent = ledger.bytesSent();
        this.failedAppends = ledger.failedAppends();
        this.encodeFailures = ledger.encodeFailures();
        this.retries = delivery.retries();
        this.journalledEvents = ledger.journalledEvents();
        this.droppedJournalFull = ledger.journalFull();
        this.journalLost = ledger.journalLost();
        this.journalBytes = ledger.journalBytes();
        this.journalBacklogBytes = ledger.journalBacklogBytes();
        this.bufferedBytes = Math.max(0, bufferedBytes) + delivery.batchBytes();
        this.oldestUnsentAgeMillis = delivery.oldestUnsentAgeMillis(this.bufferedBytes, delivery.nowMillis());
        DeliveryState.Location location = delivery.location();
        this.objectKey = location == null ? null : location.key;
        this.objectPosition = location == null ? -1 : location.position;
        DeliveryState.Failure failure = delivery.lastFailure();
        this.lastErrorTime = failure == null ? null : Instant.ofEpochMilli(failure.millis);
        this.lastError = failure == null ? null : failure.text;
        long success = delivery.lastSuccessMillis();
        this.lastSuccessTime = success == 0 ? null : Instant.ofEpochMilli(success);
    }

    /** The snapshot of a pipeline that never started: every count 0, nothing known. */
    public static PipelineStats none() {
        return new PipelineStats(new EventLedger(Clock.systemUTC()), 0);
    }

    /** Events handed over to {@code offer} (from application threads; pipeline threads not counted). */
    public long offered() {
        return offered;
    }

    /** Events that landed in the store. */
    public long appendedEvents() {
        return appendedEvents;
    }

    /** Events refused because the buffer was full (after waiting, with the BLOCK policy). */
    public long droppedBufferFull() {
        return droppedBufferFull;
    }

    /** Events below WARN refused because the buffer was above {@code discardThreshold}. */
    public long droppedBelowWarn() {
        return droppedBelowWarn;
    }

    /** Events cut to {@code maxEventBytes}. */
    public long truncated() {
        return truncated;
    }

    /** Events accepted but not delivered when {@code stop} gave up. */
    public long unflushedAtStop() {
        return unflushedAtStop;
    }

    /** Events offered once {@code stop} had begun (refused, returned false). */
    public long refusedAfterStop() {
        return refusedAfterStop;
    }

    /** Successful append requests. */
    public long batchesSent() {
        return batchesSent;
    }

    /** Bytes appended, marker lines included. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Append calls that failed and were kept for a later retry. */
    public long failedAppends() {
        return failedAppends;
    }

    /**
     * Events whose copier, encoder or layout threw (any Throwable): dropped, and reported; also
     * holders a copier could not clear after their event was encoded (the holder is discarded).
     */
    public long encodeFailures() {
        return encodeFailures;
    }

    /**
     * Append attempts made again after a failure: the writer's retries within one call (I/O errors,
     * 5xx, throttling) and each later call for a batch whose earlier call failed.
     */
    public long retries() {
        return retries;
    }

    /** Events written to the journal (this run); 0 without one. */
    public long journalledEvents() {
        return journalledEvents;
    }

    /** Events dropped because the journal reached {@code maxJournalBytes} ({@code DROP_NEWEST}). */
    public long droppedJournalFull() {
        return droppedJournalFull;
    }

    /**
     * Journalled events that will never be appended: deleted with the oldest segment
     * ({@code DROP_OLDEST}), in a journal write that failed, or in corrupt or torn frames found.
     */
    public long journalLost() {
        return journalLost;
    }

    /** Bytes of the journal's files on disk now; 0 without a journal. */
    public long journalBytes() {
        return journalBytes;
    }

    /** Bytes journalled and not yet taken by the sender (the backlog); 0 without a journal. */
    public long journalBacklogBytes() {
        return journalBacklogBytes;
    }

    /**
     * Bytes waiting to be sent now: the buffer's (counting each event's record and the room reserved
     * for events not encoded yet) plus the batch the sender holds.
     */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /**
     * Age of the oldest event not sent yet, in milliseconds, or 0 when nothing waits. An upper bound:
     * measured from the last time the sender had nothing left to send, so it may exceed the true age
     * by up to {@code flushInterval}; it grows without bound while appends fail.
     */
    public long oldestUnsentAgeMillis() {
        return oldestUnsentAgeMillis;
    }

    /** The object the last append landed in, or null before the first one. */
    public String objectKey() {
        return objectKey;
    }

    /** The length of {@link #objectKey()} after the last append (where the next one goes), or -1. */
    public long objectPosition() {
        return objectPosition;
    }

    /** When the last append failure (or sender fault) happened, or null if none did. */
    public Instant lastErrorTime() {
        return lastErrorTime;
    }

    /** What the last append failure (or sender fault) said, or null; it names no secret. */
    public String lastError() {
        return lastError;
    }

    /** When the last append landed, or null before the first one. */
    public Instant lastSuccessTime() {
        return lastSuccessTime;
    }

    @Override
    public String toString() {
        return "PipelineStats{offered=" + offered + ", appendedEvents=" + appendedEvents + ", droppedBufferFull="
                + droppedBufferFull + ", droppedBelowWarn=" + droppedBelowWarn + ", truncated=" + truncated
                + ", unflushedAtStop=" + unflushedAtStop + ", refusedAfterStop=" + refusedAfterStop
                + ", batchesSent=" + batchesSent + ", bytesSent=" + bytesSent + ", failedAppends=" + failedAppends
                + ", encodeFailures=" + encodeFailures + ", retries=" + retries + ", journalledEvents="
                + journalledEvents + ", droppedJournalFull=" + droppedJournalFull + ", journalLost=" + journalLost
                + ", journalBytes=" + journalBytes + ", journalBacklogBytes=" + journalBacklogBytes
                + ", bufferedBytes=" + bufferedBytes
                + ", oldestUnsentAgeMillis=" + oldestUnsentAgeMillis + ", objectKey=" + objectKey + ", objectPosition="
                + objectPosition + ", lastErrorTime=" + lastErrorTime + ", lastError=" + lastError
                + ", lastSuccessTime=" + lastSuccessTime + "}";
    }
}
