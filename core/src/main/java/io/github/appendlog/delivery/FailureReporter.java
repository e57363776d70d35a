package io.github.appendlog.delivery;

import io.github.appendlog.status.StatusReporter;

/**
 * Reports failed appends at WARN (a runtime condition, never a configuration fault) without flooding: the first failure at once, then at most one summary per
 * interval while failures go on, and one line when appends succeed again. Sender thread only.
 */
final class FailureReporter {
    private final StatusReporter status;
    private final String prefix;
    private final long intervalNanos;
    private long failures;
    private long unreported;
    private long lastReportNanos;

    FailureReporter(StatusReporter status, String prefix, long intervalNanos) {
        this.status = status;
        this.prefix = prefix;
        this.intervalNanos = intervalNanos;
    }

    void failed(String what, Exception cause, long nowNanos) {
        failures++;
        unreported++;
        if (failures == 1) {
            status.warn(prefix + what + ": " + cause.getMessage(), cause);
            unreported = 0;
            lastReportNanos = nowNanos;
        } else if (nowNanos - lastReportNanos >= intervalNanos) {
            status.warn(prefix + what + " still fails (" + unreported + " more failed attempts, " + failures
                    + " in a row): " + cause.getMessage(), cause);
            unreported = 0;
            lastReportNanos = nowNanos;
        }
    }

    void succeeded(String what) {
        if (failures > 0) {
            status.info(prefix + what + " works again after " + failures + " failed attempts");
            failures = 0;
            unreported = 0;
        }
    }

    /** Failed attempts in a row so far. */
    long failuresInARow() {
        return failures;
    }
}
