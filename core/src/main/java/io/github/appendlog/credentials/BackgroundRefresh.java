package io.github.appendlog.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The daemon thread's task of one {@link RefreshingCredentials}: sleeps until the refresh it asks
 * for is due ({@link RefreshingCredentials#nextRefresh()}), has it fetched, and plans again, until
 * {@link #stop()}. It looks at the clock again when {@link #replan()} is called (a fetch ended) and
 * at least once a minute (a host suspended, a clock moved). Stopping ends it at once, or when the
 * fetch it is in ends.
 */
final class BackgroundRefresh implements Runnable {
    private static final long MAX_WAIT_MILLIS = 60_000;

    private final RefreshingCredentials owner;
    private final Clock clock;
    private final Object monitor = new Object();
    private long plans; // guarded by monitor: how many times replan() was called
    private boolean stopped; // guarded by monitor

    BackgroundRefresh(RefreshingCredentials owner, Clock clock) {
        this.owner = owner;
        this.clock = clock;
    }

    /** Something changed (a fetch ended, a test clock moved): look at the plan again. */
    void replan() {
        synchronized (monitor) {
            plans++;
            monitor.notifyAll();
        }
    }

    void stop() {
        synchronized (monitor) {
            stopped = true;
            monitor.notifyAll();
        }
    }

    @Override
    public void run() {
        while (true) {
            long seen;
            synchronized (monitor) {
                seen = plans;
            }
            Instant due = owner.nextRefresh();
            synchronized (monitor) {
                if (stopped) {
                    return;
                }
                if (plans != seen) {
                    continue;
                }
                long waitMillis = due == null ? MAX_WAIT_MILLIS
                        : Math.min(MAX_WAIT_MILLIS, Duration.between(clock.instant(), due).toMillis());
                if (waitMillis > 0) {
                    try {
                        monitor.wait(waitMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            owner.refreshNow();
        }
    }
}
