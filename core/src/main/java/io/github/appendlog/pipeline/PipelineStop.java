package io.github.appendlog.pipeline;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.delivery.Delivery;
import io.github.appendlog.intake.Intake;
import io.github.appendlog.journal.JournalStage;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One stop of an {@link AppendPipeline}, in order: retry waits end, the intake refuses new events
 * and encodes what it holds (abandoning, counted, what an encoder that hangs cannot), the sender
 * sends what is left until the deadline, then is interrupted and the client closed, and gets
 * {@value #STOP_GRACE_MILLIS} ms more before stop gives up on it. Whatever throws on the way, the
 * buffer and the client are closed, the credentials' refresh stopped, and what stays unsent is
 * counted once (by the sender when it ended, else here) and reported at WARN (a runtime condition);
 * only a failure of the encoder stage itself (a bug) is an ERROR.
 */
final class PipelineStop {
    /** How long stop waits for an interrupted sender after the deadline. */
    static final long STOP_GRACE_MILLIS = 1000;

    private final AppendlogConfig config;
    private final StatusReporter status;
    private final String prefix;
    private final AppendStore client;
    private final EventBuffer buffer;
    private final EventLedger ledger;
    private final Intake intake;
    private final Delivery sender;
    private final Thread senderThread;
    /** Null without a journal. */
    private final JournalStage journal;
    private boolean clientClosed;

    PipelineStop(AppendlogConfig config, StatusReporter status, String prefix, AppendStore client, EventBuffer buffer,
            EventLedger ledger, Intake intake, Delivery sender, Thread senderThread, JournalStage journal) {
        this.config = config;
        this.status = status;
        this.prefix = prefix;
        this.client = client;
        this.buffer = buffer;
        this.ledger = ledger;
        this.intake = intake;
        this.sender = sender;
        this.senderThread = senderThread;
        this.journal = journal;
    }

    /** Runs the stop; true if everything landed. */
    boolean run() {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        boolean ended = false;
        boolean delivered = false;
        try {
            sender.endRetryWaits(deadline); // a retry wait running now ends: the next attempt is made at once
            stopEncoding(deadline);
            if (journal != null) {
                journal.stop(deadline); // the buffer into the journal (forced when it is closed)
            }
            sender.beginStop(deadline);
            buffer.close();
            LockSupport.unpark(senderThread);
            ended = join(deadline);
            if (!ended) {
                // Stuck in a request past the deadline: cut it short.
                senderThread.interrupt();
                closeClient();
                ended = join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS));
            }
        } finally {
            buffer.close();
            closeClient();
            if (journal != null) {
                sender.countUnsent(journal.stuckEvents(), 0); // a write that never returned holds them
            }
            delivered = settle(ended);
            boolean journalStuck = journal != null && !journal.ended();
            if (journal != null
                    && (journal.close(ended ? sender.inFlightJournalEntries() : 0, deadline) > 0 || journalStuck)) {
                delivered = false; // kept for the next start, or held by a journal thread that did not end
            }
        }
        return delivered;
    }

    /** Every handed-over event into the buffer first; what the encoder could not encode in time is unsent. */
    private void stopEncoding(long deadline) {
        if (intake.encodesOnCallerThread()) {
            return;
        }
        try {
            intake.stop(deadline);
            long abandoned = intake.abandonRemaining(); // never waits, even for an encoder that hangs
            if (abandoned > 0) {
                sender.countUnsent(abandoned, 0);
                status.warn(prefix + "stop: " + abandoned + " events handed over were abandoned: they were not "
                        + "encoded within " + format(config.shutdownTimeout()) + " (an encoder or layout that does "
                        + "not return?)", null);
            }
        } catch (RuntimeException | Error e) {
            status.error(prefix + "stop: the encoder stage failed: " + e, e);
        }
    }

    /** Counts what stays unsent (each event once, by one party) and reports it; true if nothing does. */
    private boolean settle(boolean ended) {
        if (ended && (journal == null || journal.ended())) {
            long[] late = buffer.drainRemaining(); // offers that raced with close; the sender is gone
            sender.countUnsent(late[0], late[1]);
        } else if (sender.abandon()) {
            status.warn(prefix + "stop: the sender is stuck in a request past the shutdown deadline ("
                    + format(config.shutdownTimeout()) + " + " + STOP_GRACE_MILLIS + " ms); stop gave up on it", null);
        } else {
            status.warn(prefix + "stop: the sender thread did not end within " + format(config.shutdownTimeout())
                    + "; what it still holds is counted when it ends", null);
        }
        long unsent = ledger.unsentEvents();
        if (ended && unsent == 0) {
            return true;
        }
        String error = sender.lastError() != null ? sender.lastError() : "the store did not answer in time";
        status.warn(prefix + "stop: " + unsent + " events (" + ledger.unsentBytes()
                + " bytes) could not be delivered to " + sender.currentLocation() + " within "
                + format(config.shutdownTimeout()) + ": " + error, null);
        return false;
    }

    private boolean join(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(senderThread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !senderThread.isAlive();
    }

    /** Closes the client and stops the credentials' refresh, once, whatever the client's close throws. */
    private void closeClient() {
        if (clientClosed) {
            return;
        }
        clientClosed = true;
        try {
            client.close();
        } catch (Throwable e) {
            status.warn(prefix + "closing " + client.describe() + " failed: " + e, e);
        } finally {
            config.credentialsProvider().close();
        }
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
    }
}
