package io.github.appendlog.delivery;

import java.util.concurrent.TimeUnit;

/** Waits between retries; a seam so that tests never sleep. */
@FunctionalInterface
public interface Sleeper {

    void sleepNanos(long nanos) throws InterruptedException;

    /** Sleeps on the calling thread; responds to interruption. */
    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };
}
