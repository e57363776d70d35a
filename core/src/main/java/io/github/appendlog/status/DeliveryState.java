package io.github.appendlog.status;

import java.time.Clock;

/**
 * What the sender knows besides the event counts: the object it appends to and the position there,
 * the last failure and the last success, the retries, the bytes of the batch it holds, and when it
 * last had nothing left to send. Written by the pipeline's sender thread only (one writer, so plain
 * volatile fields and no lock); read by {@link PipelineStats} from any thread. Nothing here is
 * written on a logging thread.
 */
public final class DeliveryState {
    private final Clock clock;
    private volatile Location location;
    private volatile Failure lastFailure;
    private volatile long lastSuccessMillis;
    private volatile long retries;
    private volatile long batchBytes;
    private volatile long allSentMillis;

    DeliveryState(Clock clock) {
        this.clock = clock;
        this.allSentMillis = clock.millis();
    }

    /** A batch of {@code bytes} was formed (or 0: the sender holds none). */
    public void holding(long bytes) {
        batchBytes = bytes;
    }

    /** An append landed in {@code key}, which is now {@code position} bytes long. */
    public void landed(String key, long position) {
        location = new Location(key, position);
        lastSuccessMillis = clock.millis();
    }

    /** An append failed (or the sender met a fault); {@code text} names no secret. */
    public void failed(String text) {
        lastFailure = new Failure(clock.millis(), text);
    }

    /** Another attempt at an append that failed (in the writer, or the batch sent again). */
    public void retried() {
        retries = retries + 1; // the sender thread is the only writer
    }

    /** The sender saw nothing buffered and held no batch. */
    public void allSent() {
        allSentMillis = clock.millis();
    }

    long nowMillis() {
        return clock.millis();
    }

    long retries() {
        return retries;
    }

    long batchBytes() {
        return batchBytes;
    }

    long lastSuccessMillis() {
        return lastSuccessMillis;
    }

    Location location() {
        return location;
    }

    Failure lastFailure() {
        return lastFailure;
    }

    /**
     * An upper bound of the oldest unsent event's age: the time since the sender last had nothing
     * left to send, when bytes wait ({@code unsentBytes > 0}); 0 otherwise. It exceeds the true age
     * by at most the time between two passes of the sender (at most {@code flushInterval}).
     */
    long oldestUnsentAgeMillis(long unsentBytes, long nowMillis) {
        return unsentBytes > 0 ? Math.max(0, nowMillis - allSentMillis) : 0;
    }

    /** Where the last append landed. */
    static final class Location {
        final String key;
        final long position;

        Location(String key, long position) {
            this.key = key;
            this.position = position;
        }
    }

    /** When the last failure happened and what it said. */
    static final class Failure {
        final long millis;
        final String text;

        Failure(long millis, String text) {
            this.millis = millis;
            this.text = text;
        }
    }
}
