package io.github.appendlog.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts dropped events (producers, lock-free) and turns the counts into the two things the sender
 * publishes: a throttled status report, and after drops one marker line written into the object
 * itself, e.g.
 * {@code [appendlog] dropped 1234 events (1200 buffer full, 34 below WARN) between 2026-11-25T07:42:01Z and 2026-11-25T07:42:09Z}.
 * Each of the two keeps its own "already told" snapshot; the counts only grow.
 */
public final class DropCounter {
    private final Clock clock;
    // Producers write these on every drop: per-thread cells, not one shared cache line.
    private final LongAdder bufferFull = new LongAdder();
    private final LongAdder belowWarn = new LongAdder();
    /** Millis of the first drop not yet in a marker line, 0 when none. */
    private final AtomicLong firstUnmarkedMillis = new AtomicLong();
    private final AtomicLong lastDropMillis = new AtomicLong();
    // Sender thread only:
    private long markedFull;
    private long markedBelowWarn;
    private long reportedFull;
    private long reportedBelowWarn;

    public DropCounter(Clock clock) {
        this.clock = clock;
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

    public long belowWarn() {
        return belowWarn.sum();
    }

    /**
     * Sender only: the marker line for drops not yet marked (and marks them), or null when there
     * were none since the last marker.
     */
    public byte[] takeMarkerLine() {
        long full = bufferFull.sum();
        long warn = belowWarn.sum();
        if (full == markedFull && warn == markedBelowWarn) {
            return null;
        }
        long first = firstUnmarkedMillis.getAndSet(0);
        long last = lastDropMillis.get();
        if (first == 0 || first > last) {
            first = last;
        }
        String line = "[appendlog] " + describe(full - markedFull, warn - markedBelowWarn) + " between "
                + Instant.ofEpochMilli(first).truncatedTo(ChronoUnit.SECONDS) + " and "
                + Instant.ofEpochMilli(last).truncatedTo(ChronoUnit.SECONDS) + "\n";
        markedFull = full;
        markedBelowWarn = warn;
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sender only: a status message for drops since the last report (and marks them reported), or
     * null when there were none. The caller decides how often to ask.
     */
    public String takeReport() {
        long full = bufferFull.sum();
        long warn = belowWarn.sum();
        if (full == reportedFull && warn == reportedBelowWarn) {
            return null;
        }
        String text = describe(full - reportedFull, warn - reportedBelowWarn) + " (" + (full + warn)
                + " since start)";
        reportedFull = full;
        reportedBelowWarn = warn;
        return text;
    }

    private static String describe(long full, long warn) {
        return "dropped " + (full + warn) + " events (" + full + " buffer full, " + warn + " below WARN)";
    }
}
