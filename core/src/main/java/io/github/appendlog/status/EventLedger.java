package io.github.appendlog.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Every event's fate, counted in one place: offered, handed over, dropped (buffer full, below WARN),
 * refused after stop, truncated, failed to encode, appended, unsent at stop; and the batches, bytes
 * and failed appends of the sender. {@link #snapshot()} reads them all into {@link PipelineStats}.
 *
 * <p>Logging threads count into per-thread cells ({@link LongAdder}), never one shared line; an
 * event handed to the encoder stage is counted by the hand-off position it took, which the stage
 * tells through {@link #countHandedOverBy}, so handing an event over writes no counter at all.
 *
 * <p>Drops also become the two things the sender publishes: a throttled status report
 * ({@link #takeDropReport}), and after drops one marker line written into the object itself
 * ({@link #takeMarkerLine}), e.g.
 * {@code [appendlog] dropped 1234 events (1200 buffer full, 34 below WARN) between 2026-11-25T07:42:01Z and 2026-11-25T07:42:09Z}.
 * Each of the two keeps its own "already told" snapshot; the counts only grow.
 */
public final class EventLedger {
    private final Clock clock;
    private final DeliveryState delivery;
    // Producers write these on every drop: per-thread cells, not one shared cache line.
    private final LongAdder bufferFull = new LongAdder();
    private final LongAdder belowWarn = new LongAdder();
    private final LongAdder offered = new LongAdder();
    private final LongAdder refusedAfterStop = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder encodeFailures = new LongAdder();
    // The journal's (its thread, the sender, the journal's listener):
    private final AtomicLong journalled = new AtomicLong();
    private final AtomicLong journalFull = new AtomicLong();
    private final AtomicLong journalLost = new AtomicLong();
    private volatile Throwable lastEncodeFailure;
    private volatile LongSupplier handedOver = () -> 0;
    private volatile LongSupplier journalBytes = () -> 0;
    private volatile LongSupplier journalBacklogBytes = () -> 0;
    // The sender's:
    private final AtomicLong appendedEvents = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong failedAppends = new AtomicLong();
    private final AtomicLong unsentEvents = new AtomicLong();
    private final AtomicLong unsentBytes = new AtomicLong();
    /** Millis of the first drop not yet in a marker line, 0 when none. */
    private final AtomicLong firstUnmarkedMillis = new AtomicLong();
    private final AtomicLong lastDropMillis = new AtomicLong();
    // Sender thread only:
    private long markedFull;
    private long markedBelowWarn;
    private long markedJournalFull;
    private long markedJournalLost;
    private long reportedFull;
    private long reportedBelowWarn;
    private long reportedJournalFull;
    private long reportedJournalLost;

    public EventLedger(Clock clock) {
        this.clock = clock;
        this.delivery = new DeliveryState(clock);
    }

    /** The sender's state besides the counts (object, position, errors, retries), read into snapshots. */
    public DeliveryState delivery() {
        return delivery;
    }

    /**
     * The encoder stage: the events handed over to it (each counted by the hand-off position it took;
     * none of them is counted by {@link #offered()}).
     */
    public void countHandedOverBy(LongSupplier positionsTaken) {
        this.handedOver = positionsTaken;
    }

    /** An event offered and not handed over with a hand-off position (encoded bytes, or refused before). */
    public void offered() {
        offered.increment();
    }

    /** An event refused because stop had begun. */
    public void refusedAfterStop() {
        refusedAfterStop.increment();
    }

    /** An event longer than {@code maxEventBytes}, cut. */
    public void truncated() {
        truncated.increment();
    }

    /** An event that could not be copied or encoded (whatever was thrown), dropped. */
    public void encodeFailed(Throwable e) {
        lastEncodeFailure = e;
        encodeFailures.increment();
    }

    /** The sender: a batch of {@code events} and {@code bytes} landed. */
    public void appended(long events, long bytes) {
        appendedEvents.addAndGet(events);
        batchesSent.incrementAndGet();
        bytesSent.addAndGet(bytes);
    }

    /** The sender: an append call failed (the batch stays for a retry). */
    public void appendFailed() {
        failedAppends.incrementAndGet();
    }

    /**
     * Events that will not be delivered (counted once, at stop); negative for a batch counted so
     * that landed after all.
     */
    public void unsent(long events, long bytes) {
        unsentEvents.addAndGet(events);
        unsentBytes.addAndGet(bytes);
    }

    public long unsentEvents() {
        return unsentEvents.get();
    }

    public long unsentBytes() {
        return unsentBytes.get();
    }

    public long truncatedEvents() {
        return truncated.sum();
    }

    public long encodeFailures() {
        return encodeFailures.sum();
    }

    /** The last thing thrown by a copier, an encoder or a layout, or null. */
    public Throwable lastEncodeFailure() {
        return lastEncodeFailure;
    }

    /** All counts now, with the sender's state; nothing buffered. */
    public PipelineStats snapshot() {
        return snapshot(0);
    }

    /** All counts now, with the sender's state and the {@code bufferedBytes} the buffer holds now. */
    public PipelineStats snapshot(long bufferedBytes) {
        return new PipelineStats(this, bufferedBytes);
    }

    long offeredInAll() {
        return offered.sum() + handedOver.getAsLong();
    }

    long appendedEvents() {
        return appendedEvents.get();
    }

    long refusedAfterStopCount() {
        return refusedAfterStop.sum();
    }

    long batchesSent() {
        return batchesSent.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    long failedAppends() {
        return failedAppends.get();
    }

    /** A producer dropped an event because the buffer was full. */
    public void droppedBufferFull() {
        bufferFull.increment();
        stamp();
    }

    /** A producer dropped a below-WARN event because the buffer was above the discard threshold. */
    public void droppedBelowWarn() {
        belowWarn.increment();
        stamp();
    }

    /** Shared lines are written only when the millisecond moved on (or a marker took the first time). */
    private void stamp() {
        long now = clock.millis();
        long last = lastDropMillis.get();
        if (now > last) {
            lastDropMillis.compareAndSet(last, now); // lost to another producer: it wrote a time as recent
        }
        if (firstUnmarkedMillis.get() == 0) {
            firstUnmarkedMillis.compareAndSet(0, now);
        }
    }

    public long bufferFull() {
        return bufferFull.sum();
    }

    /** The journal thread: {@code events} were written to the journal. */
    public void journalled(long events) {
        journalled.addAndGet(events);
    }

    /** Events written to the journal so far (this run). */
    public long journalledEvents() {
        return journalled.get();
    }

    /** The journal thread: {@code events} were dropped because the journal reached {@code maxJournalBytes}. */
    public void droppedJournalFull(long events) {
        if (events > 0) {
            journalFull.addAndGet(events);
            stamp();
        }
    }

    /**
     * {@code events} will never be appended because of the journal: a write that failed, a segment
     * deleted by {@code DROP_OLDEST}, corrupt or torn frames found.
     */
    public void journalLost(long events) {
        if (events > 0) {
            journalLost.addAndGet(events);
            stamp();
        }
    }

    /** The journal: where its file size and its backlog (bytes not yet taken by the sender) are read. */
    public void journalGauges(LongSupplier diskBytes, LongSupplier backlogBytes) {
        this.journalBytes = diskBytes;
        this.journalBacklogBytes = backlogBytes;
    }

    long journalBytes() {
        return journalBytes.getAsLong();
    }

    long journalBacklogBytes() {
        return journalBacklogBytes.getAsLong();
    }

    public long journalFull() {
        return journalFull.get();
    }

    public long journalLost() {
        return journalLost.get();
    }

    public long belowWarn() {
        return belowWarn.sum();
    }

    /**
     * The marker line for drops not yet marked (and marks them), or null when there were none
     * since the last marker. Taken by the sender, or with a journal by the journal thread (and by
     * the sender while the journal is unusable).
     */
    public synchronized byte[] takeMarkerLine() {
        long full = bufferFull.sum();
        long warn = belowWarn.sum();
        long jFull = journalFull.get();
        long jLost = journalLost.get();
        if (full == markedFull && warn == markedBelowWarn && jFull == markedJournalFull && jLost == markedJournalLost) {
            return null;
        }
        long first = firstUnmarkedMillis.getAndSet(0);
        long last = lastDropMillis.get();
        if (first == 0 || first > last) {
            first = last;
        }
        String line = "[appendlog] " + describe(full - markedFull, warn - markedBelowWarn, jFull - markedJournalFull,
                jLost - markedJournalLost)
                + " between "
                + Instant.ofEpochMilli(first).truncatedTo(ChronoUnit.SECONDS) + " and "
                + Instant.ofEpochMilli(last).truncatedTo(ChronoUnit.SECONDS) + "\n";
        markedFull = full;
        markedBelowWarn = warn;
        markedJournalFull = jFull;
        markedJournalLost = jLost;
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sender only: a status message for drops since the last report (and marks them reported), or
     * null when there were none. The caller decides how often to ask.
     */
    public String takeDropReport() {
        long full = bufferFull.sum();
        long warn = belowWarn.sum();
        long jFull = journalFull.get();
        long jLost = journalLost.get();
        if (full == reportedFull && warn == reportedBelowWarn && jFull == reportedJournalFull
                && jLost == reportedJournalLost) {
            return null;
        }
        String text = describe(full - reportedFull, warn - reportedBelowWarn, jFull - reportedJournalFull,
                jLost - reportedJournalLost) + " (" + (full + warn + jFull + jLost) + " since start)";
        reportedFull = full;
        reportedBelowWarn = warn;
        reportedJournalFull = jFull;
        reportedJournalLost = jLost;
        return text;
    }

    private static String describe(long full, long warn, long journalFull, long journalLost) {
        return "dropped " + (full + warn + journalFull + journalLost) + " events (" + full + " buffer full, " + warn
                + " below WARN" + (journalFull == 0 ? "" : ", " + journalFull + " journal full")
                + (journalLost == 0 ? "" : ", " + journalLost + " lost from the journal") + ")";
    }
}
