package io.github.appendlog.delivery;

import java.util.concurrent.TimeUnit;

/** Waits between retries; a seam so that tests never sleep, and so that a stop can cut waits short. */
@FunctionalInterface
interface Sleeper {

    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * The deadline a retry must keep, given the caller's ({@link System#nanoTime()} scale): the
     * caller's by default; a sleeper that a stop cuts short brings it forward to the stop's.
     */
    default long deadline(long deadlineNanos) {
        return deadlineNanos;
    }

    /** Sleeps on the calling thread; responds to interruption. */
    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
}
