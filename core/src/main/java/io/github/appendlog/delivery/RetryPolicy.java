package io.github.appendlog.delivery;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How many times to retry, how long to wait in between, and never past a deadline. The clock and
 * the sleeper are seams: tests advance a fake clock instead of sleeping, and a pipeline passes a
 * {@link StopSignal} so that its stop cuts a running wait short.
 */
final class RetryPolicy {

    /** What {@link #awaitRetry} decided. */
    enum Decision {
        /** The wait is over: try again. */
        RETRY,
        /** {@code maxRetries} retries were already made. */
        EXHAUSTED,
        /** Waiting would pass the deadline; nothing was waited. */
        DEADLINE
    }

    private final int maxRetries;
    private final ExponentialBackoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /**
     * @param nanoTime the clock deadlines are measured on, normally {@code System::nanoTime}
     */
    RetryPolicy(int maxRetries, ExponentialBackoff backoff, Sleeper sleeper, LongSupplier nanoTime) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    int maxRetries() {
        return maxRetries;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** True when {@code deadlineNanos} (on {@link #nanoTime()}) has passed. */
    boolean expired(long deadlineNanos) {
        return nanoTime() - deadlineNanos >= 0;
    }

    /**
     * Waits before retry number {@code retry} (1-based) unless retries are exhausted or the wait
     * would end at or after {@code deadlineNanos} (or the earlier deadline the sleeper names once a
     * stop began, {@link Sleeper#deadline}). A stop that begins during the wait ends it early, with
     * {@link Decision#RETRY}: the next attempt is made at once.
     */
    Decision awaitRetry(int retry, long deadlineNanos) throws InterruptedException {
        if (retry > maxRetries) {
            return Decision.EXHAUSTED;
        }
        long delay = backoff.delayNanos(retry);
        long remaining = sleeper.deadline(deadlineNanos) - nanoTime();
        if (remaining <= 0 || delay >= remaining) {
            return Decision.DEADLINE;
        }
        sleeper.sleepNanos(delay);
        return Decision.RETRY;
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxRetries=" + maxRetries + ", backoff=" + backoff + "}";
    }
}
