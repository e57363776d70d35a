package io.github.appendlog.delivery;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The retry waits of one pipeline, which its stop cuts short: a {@link Sleeper} whose waits end at
 * once when {@link #stopBegan} is called (the one running then and every later one), and the
 * deadline retries must keep from then on ({@link #deadline}). Thread-safe.
 */
final class StopSignal implements Sleeper {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long stopDeadlineNanos;

    /** Ends the running wait and every later one; retries keep {@code deadlineNanos} from now on. */
    void stopBegan(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        stopped.countDown();
    }

    boolean stopping() {
        return stopped.getCount() == 0;
    }

    /** Waits up to {@code nanos}, less if stop begins meanwhile; responds to interruption. */
    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            stopped.await(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** {@code deadlineNanos}, or the stop's deadline once stop began, whichever is earlier. */
    @Override
    public long deadline(long deadlineNanos) {
        if (!stopping()) {
            return deadlineNanos;
        }
        long stop = stopDeadlineNanos;
        return stop - deadlineNanos < 0 ? stop : deadlineNanos;
    }
}
