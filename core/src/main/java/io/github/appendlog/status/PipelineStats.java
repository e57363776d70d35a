package io.github.appendlog.status;

/** A snapshot of a pipeline's counters since it started. */
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

    PipelineStats(long offered, long appendedEvents, long droppedBufferFull, long droppedBelowWarn, long truncated,
            long unflushedAtStop, long refusedAfterStop, long batchesSent, long bytesSent, long failedAppends,
            long encodeFailures) {
        this.offered = offered;
        this.appendedEvents = appendedEvents;
        this.droppedBufferFull = droppedBufferFull;
        this.droppedBelowWarn = droppedBelowWarn;
        this.truncated = truncated;
        this.unflushedAtStop = unflushedAtStop;
        this.refusedAfterStop = refusedAfterStop;
        this.batchesSent = batchesSent;
        this.bytesSent = bytesSent;
        this.failedAppends = failedAppends;
        this.encodeFailures = encodeFailures;
    }

    /** Events handed to {@code offer} (from application threads; pipeline threads not counted). */
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

    @Override
    public String toString() {
        return "PipelineStats{offered=" + offered + ", appendedEvents=" + appendedEvents + ", droppedBufferFull="
                + droppedBufferFull + ", droppedBelowWarn=" + droppedBelowWarn + ", truncated=" + truncated
                + ", unflushedAtStop=" + unflushedAtStop + ", refusedAfterStop=" + refusedAfterStop
                + ", batchesSent=" + batchesSent + ", bytesSent=" + bytesSent + ", failedAppends=" + failedAppends
                + ", encodeFailures=" + encodeFailures + "}";
    }
}
