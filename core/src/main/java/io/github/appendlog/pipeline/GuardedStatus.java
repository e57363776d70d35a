package io.github.appendlog.pipeline;

import io.github.appendlog.status.StatusReporter;

/**
 * The pipeline's view of the adapter's {@link StatusReporter}: whatever the reporter throws (a
 * status listener that fails, an {@code Error}) is swallowed, losing that report only, so reporting
 * never ends a pipeline thread nor keeps {@code stop} from completing. Thread-safe if the reporter is.
 */
final class GuardedStatus implements StatusReporter {
    private final StatusReporter target;

    GuardedStatus(StatusReporter target) {
        this.target = target;
    }

    @Override
    public void info(String message) {
        try {
            target.info(message);
        } catch (Throwable e) {
            // lost: see the class comment
        }
    }

    @Override
    public void warn(String message, Throwable cause) {
        try {
            target.warn(message, cause);
        } catch (Throwable e) {
            // lost: see the class comment
        }
    }

    @Override
    public void error(String message, Throwable cause) {
        try {
            target.error(message, cause);
        } catch (Throwable e) {
            // lost: see the class comment
        }
    }
}
