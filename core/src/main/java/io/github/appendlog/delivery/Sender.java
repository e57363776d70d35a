package io.github.appendlog.delivery;

import io.github.appendlog.buffer.Batch;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.status.DeliveryState;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.StatusReporter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The sender loop of a pipeline ({@link Delivery}), run by its {@code appendlog-sender-<name>} thread.
 * Events stay in the buffer (where they count towards the wake-up threshold) until a batch is due:
 * the buffer holds a batch's worth, the flush timer fired, or stop began. Then batches are formed
 * and sent until the buffer is empty (timer, stop) or below a batch's worth (threshold). A batch
 * that fails stays, unchanged, until it lands or stop gives up. With {@code compression=gzip} the
 * batch is compressed once, into one gzip member, before its first attempt, and every attempt,
 * settling and rollover works on those same bytes.
 *
 * <p>Invariants:
 * <ul>
 *   <li>The loop ends only at stop (the buffer emptied, the deadline passed, or the thread
 *       interrupted at the deadline). Anything one pass throws, {@code Error}s included, is
 *       reported (the first at once, then at most once per {@code dropReportInterval}), waited out
 *       with a backoff that stop cuts short, and the loop goes on.
 *   <li>Exactly one party counts what stays unsent and consumes the buffer after the loop: the
 *       sender when it ends ({@link #run}), or, when it is stuck in a request past the deadline,
 *       stop through {@link #abandon()}; never both. A batch that lands after stop counted it is
 *       taken off the unsent count and reported.
 * </ul>
 */
final class Sender implements Runnable {
    /** "No deadline" for appends outside stop; far away, yet safe for nanoTime arithmetic. */
    private static final long NO_DEADLINE_NANOS = TimeUnit.DAYS.toNanos(365);
    /** Shortest wait between two attempts of a failing batch, or after a fault. */
    private static final long MIN_RETRY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int RUNNING = 0;
    private static final int IN_REQUEST = 1;
    private static final int ABANDONED = 2;
    private static final int ENDED = 3;

    private final AppendlogConfig config;
    private final StatusReporter status;
    private final String prefix;
    private final BatchSource source;
    private final EventLedger ledger;
    private final DeliveryState delivery;
    private final Runnable drainHandOff;
    private final Clock clock;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private volatile String lastError;

    // Sender thread only (and abandon(), once the sender is known to be inside a request):
    private final Batch batch;
    private final RollingObjectWriter objects;
    private final ExponentialBackoff backoff;
    private final FailureReporter failures;
    private final SenderReports reports;
    private final BatchBody body;
    private boolean attempted;
    private Instant batchStart;
    private long retryAtNanos;
    private long prepareAtNanos;
    private long nextFlushNanos;
    private long dueBytes; // buffered when the flush timer last fired, not yet taken into a batch
    private boolean timerFired;
    private boolean stopSeen;
    private int faultsInARow;

    Sender(AppendlogConfig config, StatusReporter status, String prefix, BatchSource source, EventLedger ledger,
            Runnable drainHandOff, Clock clock, RollingObjectWriter objects,
            ExponentialBackoff backoff) {
        this.config = config;
        this.status = status;
        this.prefix = prefix;
        this.source = source;
        this.ledger = ledger;
        this.delivery = ledger.delivery();
        this.drainHandOff = drainHandOff;
        this.clock = clock;
        this.objects = objects;
        this.backoff = backoff;
        this.batch = new Batch((int) config.maxBatchBytes());
        this.failures = new FailureReporter(status, prefix, config.dropReportInterval().toNanos());
        this.reports = new SenderReports(config, status, prefix, ledger);
        this.body = new BatchBody(config.compression(), config.compressionLevel());
    }

    /** Stop: send what is left, and give up at {@code deadlineNanos}. The caller then wakes the thread. */
    void beginStop(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
        stopping = true;
    }

    String lastError() {
        return lastError;
    }

    /** Where the current batch goes, for messages. */
    String currentLocation() {
        return objects.currentLocation();
    }

    /** Adds to the unsent count what never reached the sender (the encoder stage's, late offers). */
    void countUnsent(long events, long bytes) {
        ledger.unsent(events, bytes);
    }

    /**
     * Stop, the sender still running past the deadline: if it is inside a request, takes over
     * counting what stays unsent (its batch and the buffer, which the sender never touches again)
     * and returns true. Returns false otherwise (the sender counts when it ends).
     */
    boolean abandon() {
        if (!state.compareAndSet(IN_REQUEST, ABANDONED)) {
            return false;
        }
        long[] left = source.remainingAtEnd(batch);
        countUnsent(left[0], left[1]);
        return true;
    }

    @Override
    public void run() {
        prepareAtNanos = System.nanoTime();
        nextFlushNanos = prepareAtNanos + config.flushInterval().toNanos();
        try {
            boolean done = false;
            while (!done) {
                done = pass();
            }
        } finally {
            finish();
        }
    }

    /** One pass of the loop, whatever it throws; true when the sender is done. */
    private boolean pass() {
        try {
            boolean done = step();
            faultsInARow = 0;
            return done;
        } catch (InterruptedException e) {
            if (stopping) {
                lastError = "interrupted at the shutdown deadline";
                return true;
            }
            fault(e); // not ours to end on: only stop interrupts the sender
        } catch (Throwable e) {
            fault(e);
        }
        return state.get() == ABANDONED;
    }

    private boolean step() throws Throwable {
        long now = System.nanoTime();
        boolean stop = stopping;
        if (!stop) {
            // Not stop's (it interrupts only after setting stopping); left set, it would end every park at once.
            Thread.interrupted();
        }
        if (stop && !stopSeen) {
            stopSeen = true;
            retryAtNanos = now; // one more attempt at once, whatever the backoff said
        }
        if (stop && now - stopDeadlineNanos >= 0) {
            return true;
        }
        long flushNanos = config.flushInterval().toNanos();
        if (now - nextFlushNanos >= 0) {
            // What is buffered now is due: it goes out (in as many batches as it takes), and what
            // comes in meanwhile waits for a full batch or the next tick, not a chain of small ones.
            dueBytes = Math.max(dueBytes, source.waiting());
            nextFlushNanos = now + flushNanos;
            timerFired = true;
        }
        if (!attempted && (timerFired || dueBytes > 0 || stop || source.batchReady()) && now - prepareAtNanos >= 0
                && prepared(stop)) {
            long taken = fill();
            dueBytes = taken == 0 ? 0 : Math.max(0, dueBytes - taken);
            timerFired = false;
        }
        if (!batch.isEmpty() && now - retryAtNanos >= 0) {
            return !send(stop);
        }
        if (stop && batch.isEmpty() && source.waiting() == 0) {
            return true;
        }
        if (batch.isEmpty() && source.waiting() == 0) {
            delivery.allSent();
        }
        reports.dropsIfDue(now);
        long wakeAt = attempted ? retryAtNanos : nextFlushNanos;
        if (stop) {
            // Empty batch but bytes reserved: a producer is between its reservation and its enqueue.
            wakeAt = batch.isEmpty() ? now + TimeUnit.MILLISECONDS.toNanos(1) : Math.min(wakeAt, stopDeadlineNanos);
        }
        LockSupport.parkNanos(this, Math.max(0, wakeAt - now));
        return false;
    }

    /**
     * Forms a batch from the buffer, starting with the marker line if events were dropped since the
     * last one. Its time, taken now, chooses the object (the {@code %d} period). Returns the buffer
     * room the events it took had ({@link EventBuffer#roomOf} each).
     */
    private long fill() {
        drainHandOff.run();
        long taken = source.fill(batch);
        if (!batch.isEmpty()) {
            batchStart = clock.instant();
            delivery.holding(batch.length());
        }
        return taken;
    }

    /**
     * Whether the source is ready for a batch (it may first settle an append a crash left
     * unsettled); when it cannot be now, reports why and tries again after a backoff.
     */
    private boolean prepared(boolean stop) throws InterruptedException {
        long now = System.nanoTime();
        try {
            return source.prepare(stop ? stopDeadlineNanos : now + NO_DEADLINE_NANOS);
        } catch (AppendFailedException e) {
            prepareAtNanos = failed("cannot settle the journal's last append", e);
            return false;
        }
    }

    /** Reports a failure (throttled) and returns when to try again, after the backoff for failures in a row. */
    private long failed(String what, AppendFailedException e) {
        lastError = e.getMessage();
        delivery.failed(lastError);
        long now = System.nanoTime();
        failures.failed(what, e, now);
        int n = (int) Math.min(failures.failuresInARow(), 62);
        return now + Math.max(MIN_RETRY_WAIT_NANOS, backoff.delayNanos(n));
    }

    /**
     * One attempt at the current batch: it lands, or it stays for a retry after a backoff. Returns
     * false when stop abandoned the sender meanwhile (it must end without touching the buffer).
     */
    private boolean send(boolean stop) throws Throwable {
        if (attempted) {
            delivery.retried(); // this batch's earlier call failed
        } else {
            objects.beginBatch(batchStart);
            body.set(batch);
            attempted = true;
        }
        long deadline = stop ? stopDeadlineNanos : System.nanoTime() + NO_DEADLINE_NANOS;
        boolean landed = false;
        long position = -1;
        Throwable fault = null;
        state.set(IN_REQUEST);
        try {
            position = objects.append(body.array(), 0, body.length(), deadline);
            landed = true;
        } catch (AppendFailedException e) {
            ledger.appendFailed();
            retryAtNanos = failed("cannot append to " + objects.currentLocation(), e);
        } catch (Throwable e) { // InterruptedException, or a store client that broke its contract
            if (!(e instanceof InterruptedException)) {
                ledger.appendFailed();
            }
            fault = e;
        }
        if (!state.compareAndSet(IN_REQUEST, RUNNING)) {
            if (landed) { // stop counted this batch unsent: it was not
                landedAfterAbandon();
            }
            return false;
        }
        if (fault != null) {
            throw fault;
        }
        if (landed) {
            recordLanded();
            ledger.appended(batch.events(), batch.length());
            delivery.landed(objects.currentKey(), position);
            batch.clear();
            delivery.holding(0);
            attempted = false;
            failures.succeeded("appending to " + objects.currentLocation());
        }
        return true;
    }

    /** Tells the source the batch landed; whatever that throws, the batch is not sent again. */
    private void recordLanded() {
        try {
            source.landed(batch);
        } catch (Throwable e) {
            lastError = String.valueOf(e);
            reports.fault(e, System.nanoTime());
        }
    }

    private void landedAfterAbandon() {
        recordLanded();
        ledger.appended(batch.events(), batch.length());
        countUnsent(-batch.events(), -batch.length());
        status.warn(prefix + "the batch of " + batch.events() + " events that stop had counted as undelivered landed "
                + "after all in " + objects.currentLocation(), null);
    }

    /** Reports an unexpected fault (throttled) and waits before the next pass; stop cuts the wait short. */
    private void fault(Throwable e) {
        faultsInARow = Math.min(faultsInARow + 1, 62);
        long now = System.nanoTime();
        long wait = Math.max(MIN_RETRY_WAIT_NANOS, backoff.delayNanos(faultsInARow));
        if (stopping) {
            wait = Math.min(wait, stopDeadlineNanos - now);
        }
        try {
            lastError = String.valueOf(e);
            delivery.failed(lastError);
            reports.fault(e, now);
        } catch (Throwable ignored) {
            // Reporting failed too (e.g. no memory): the pause below still comes, the next pass retries.
        }
        LockSupport.parkNanos(this, Math.max(0, wait));
    }

    /** Counts what stays unsent once the sender ends, unless stop abandoned it and counted already. */
    private void finish() {
        body.close();
        if (!state.compareAndSet(RUNNING, ENDED)) {
            return;
        }
        try {
            reports.dropsNow();
        } catch (Throwable ignored) {
            // Counting what stays unsent matters more than this report.
        }
        long[] left = source.remainingAtEnd(batch);
        countUnsent(left[0], left[1]);
    }
}
