package io.github.appendlog.delivery;

import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.StoreException;
import java.io.IOException;

/**
 * The retries and failure accounting of one {@link AppendWriter}'s calls: waits between the
 * attempts of a call as its {@link RetryPolicy} decides, and turns a call that gives up into the
 * {@link AppendFailedException} its caller reports. It notes failures and the recovery after them
 * at INFO only, so one failure never shows as two errors (the caller reports the exception).
 * Used by the writer's one thread only.
 */
final class WriterRetries {
    private final RetryPolicy retry;
    private final StatusReporter status;
    private final String key;
    private final Runnable onRetry;
    /** Calls that ended in AppendFailedException since the last success (each reported by the caller). */
    private int failedCalls;

    WriterRetries(RetryPolicy retry, StatusReporter status, String key, Runnable onRetry) {
        this.retry = retry;
        this.status = status;
        this.key = key;
        this.onRetry = onRetry;
    }

    /** A deadline that never comes, on the policy's clock. */
    long noDeadline() {
        return retry.nanoTime() + Long.MAX_VALUE / 2;
    }

    /**
     * After attempt {@code failures} of a call failed with {@code cause}: waits for the next one, or
     * throws the call's failure when retries ran out or the deadline would pass.
     *
     * @param unresolved whether an attempt's outcome is unknown (the message says it is settled later)
     */
    void awaitRetry(int failures, long deadlineNanos, String what, Exception cause, boolean unresolved)
            throws AppendFailedException, InterruptedException {
        RetryPolicy.Decision decision = retry.awaitRetry(failures, deadlineNanos);
        switch (decision) {
            case RETRY:
                onRetry.run();
                status.info(what + ": attempt " + failures + " failed (" + cause.getMessage()
                        + "); retrying");
                return;
            case EXHAUSTED:
                throw failed(what + " failed after " + failures + " attempts", cause, unresolved);
            case DEADLINE:
            default:
                throw failed(what + " failed after " + failures + " attempts; the deadline came before the next retry",
                        cause, unresolved);
        }
    }

    /** The exception for a call that gives up, noted at INFO with the count of failed calls in a row. */
    AppendFailedException failed(String what, Exception cause, boolean unresolved) {
        AppendFailedException e = AppendFailedException.of(what + ": " + cause.getMessage()
                + (unresolved ? " (whether it landed is checked before the next append)" : ""), cause);
        failedCalls++;
        status.info(e.getMessage() + " (failure " + failedCalls + " in a row)");
        return e;
    }

    /** A call succeeded: notes the recovery if calls had failed before it. */
    void succeeded() {
        if (failedCalls > 0) {
            status.info("appends to '" + key + "' succeed again after " + failedCalls + " failed calls");
            failedCalls = 0;
        }
    }

    /** Whether a failed HEAD or append may be tried again: an I/O error or a retryable store error. */
    static boolean retryable(Exception e) {
        return e instanceof IOException || ((StoreException) e).kind().retryable();
    }

    static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("appendlog writer interrupted");
        }
    }
}
