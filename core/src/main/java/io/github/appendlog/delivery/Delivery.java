package io.github.appendlog.delivery;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.journal.JournalLink;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendStore;
import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * The delivery stage of one pipeline: the sender loop that takes batches from the buffer and
 * appends them to rolling objects in the store, with retries. {@link #run} is the loop, run by the
 * pipeline's one sender thread; the other methods are for the pipeline's stop, from any thread.
 *
 * <p>Contract of stop: {@link #endRetryWaits} first (a retry wait running then ends at once, and
 * retries keep the deadline), then {@link #beginStop} (the loop sends what is left and ends by the
 * deadline), then wake the sender thread. If the thread is still inside a request past the
 * deadline, {@link #abandon} hands the counting of what stays unsent to the caller; otherwise the
 * loop counts it when it ends. Each event is counted unsent at most once.
 */
public final class Delivery implements Runnable {
    private final StopSignal retryWaits;
    private final Sender sender;
    private final BatchSource source;

    private Delivery(StopSignal retryWaits, Sender sender, BatchSource source) {
        this.retryWaits = retryWaits;
        this.sender = sender;
        this.source = source;
    }

    /**
     * Builds the writer chain (object keys from {@code config.objectKey()}, retries, backoff) on
     * {@code store} and the sender loop that feeds it from {@code buffer}.
     *
     * @param prefix       starts every status message (names the appender)
     * @param drainHandOff run before each batch is formed: moves handed-over events into the buffer
     * @param clock        the time that chooses an object's period ({@code %d}) and drop times
     * @param random       the source the retry waits' jitter is drawn from, in [0, 1)
     * @param journal      the journal the batches come from, or null: from the buffer
     */
    public static Delivery create(AppendlogConfig config, AppendStore store, StatusReporter status, String prefix,
            EventBuffer buffer, EventLedger ledger, Runnable drainHandOff, Clock clock, DoubleSupplier random,
            JournalLink journal) {
        StopSignal retryWaits = new StopSignal();
        BatchSource source = journal == null ? new MemorySource(buffer, ledger)
                : new JournalSource(journal, buffer, ledger, store, status, prefix,
                        config.dropReportInterval().toNanos(), config.maxBatchBytes());
        RollingObjectWriter objects = new RollingObjectWriter(store, ObjectKeyPattern.parse(config.objectKey()),
                WriterOptions.builder(config).random(random).sleeper(retryWaits)
                        .onRetry(ledger.delivery()::retried).recorder(source.recorder()).build(),
                StatusReporter.prefixed(prefix, status)); // the writers' messages name the appender too
        ExponentialBackoff backoff = new ExponentialBackoff(config.retryBaseDelay(), config.retryMaxDelay(),
                ExponentialBackoff.Jitter.EQUAL, random);
        Sender sender = new Sender(config, status, prefix, source, ledger, drainHandOff, clock, objects, backoff);
        return new Delivery(retryWaits, sender, source);
    }

    /** Entries of the sender's current batch taken from the journal: not landed, they stay in it. */
    public long inFlightJournalEntries() {
        return source instanceof JournalSource ? ((JournalSource) source).inFlightEntries() : 0;
    }

    /** Stop began: the retry wait running now and every later one end at once; retries keep {@code deadlineNanos}. */
    public void endRetryWaits(long deadlineNanos) {
        retryWaits.stopBegan(deadlineNanos);
    }

    /** Stop: send what is left, and give up at {@code deadlineNanos}. The caller then wakes the sender thread. */
    public void beginStop(long deadlineNanos) {
        sender.beginStop(deadlineNanos);
    }

    /**
     * Stop, the sender thread still running past the deadline: true if it is inside a request, and
     * then the caller's stop has counted what stays unsent (the sender never touches the buffer
     * again); false otherwise (the sender counts when it ends).
     */
    public boolean abandon() {
        return sender.abandon();
    }

    /** Adds to the unsent count what never reached the sender (the encoder stage's, late offers). */
    public void countUnsent(long events, long bytes) {
        sender.countUnsent(events, bytes);
    }

    /** The last append failure or fault, for stop's report; null if there was none. */
    public String lastError() {
        return sender.lastError();
    }

    /** Where the current batch goes (bucket and object), for messages. */
    public String currentLocation() {
        return sender.currentLocation();
    }

    /** The sender loop: runs until stop, whatever one of its passes throws. */
    @Override
    public void run() {
        sender.run();
    }
}
