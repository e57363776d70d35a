package io.github.appendlog.pipeline;

import io.github.appendlog.status.StatusReporter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline's view of the adapter's {@link StatusReporter}: whatever the reporter throws (a
 * status listener that fails, an {@code Error}) is swallowed and counted, so reporting never ends a
 * pipeline thread nor keeps {@code stop} from completing. Thread-safe if the reporter is.
 */
final class GuardedStatus implements StatusReporter {
    private final StatusReporter target;
    private final AtomicLong failures = new AtomicLong();

    GuardedStatus(StatusReporter target) {
        this.target = target;
    }

    /** Reports that threw (and were lost). */
    long failures() {
        return failures.get();
    }

    @Override
    public void info(String message) {
        try {
            target.info(message);
        } catch (Throwable e) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void warn(String message, Throwable cause) {
        try {
            target.warn(message, cause);
        } catch (Throwable e) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void error(String message, Throwable cause) {
        try {
            target.error(message, cause);
        } catch (Throwable e) {
            failures.incrementAndGet();
        }
    }
}
