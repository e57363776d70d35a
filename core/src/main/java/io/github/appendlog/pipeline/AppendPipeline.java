package io.github.appendlog.pipeline;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.status.StatusReporter;

/**
 * The orchestrator: owns the bounded buffer, the sender thread, batching, object-key rollover and
 * the append writer. Adapters encode an event and call {@link #offer}; everything else happens on
 * the sender thread ({@code appendlog-sender-<name>}).
 *
 * <p>CONTRACT (adapters rely on it; the implementation is being written):
 * <ul>
 *   <li>{@link #start} validates nothing (the config is already valid), allocates the buffer
 *       lazily-bounded by {@code maxBufferBytes}, creates the HTTP client and starts the sender.
 *   <li>{@link #offer} never touches the network and never blocks, except with
 *       {@code overflowPolicy=BLOCK}, up to {@code maxBlockTime}. Returns false when the event was
 *       dropped (buffer full, or above {@code discardThreshold} and not important); the drop is
 *       counted by the pipeline, and the adapter may route the event to a fallback appender.
 *       An event longer than {@code maxEventBytes} is truncated with a marker and counted.
 *       Calls from the pipeline's own threads are refused (return false, not counted) so the
 *       appender never logs into itself.
 *   <li>{@link #stop} flushes within {@code shutdownTimeout}, closes the client, reports through
 *       the {@link StatusReporter} what it could not flush, and returns true if everything landed.
 * </ul>
 */
public final class AppendPipeline {

    private AppendPipeline() {
    }

    public static AppendPipeline start(AppendlogConfig config, StatusReporter status) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Hands one encoded event (complete with its line separator) to the pipeline.
     *
     * @param important WARN or above: kept when the buffer is above {@code discardThreshold}
     * @return false if the event was dropped (and counted)
     */
    public boolean offer(byte[] encodedEvent, boolean important) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Flushes what it holds within {@code shutdownTimeout}; true if everything landed. */
    public boolean stop() {
        throw new UnsupportedOperationException("not yet");
    }

    /** True on the pipeline's own threads: adapters must not feed events from them. */
    public static boolean isPipelineThread() {
        throw new UnsupportedOperationException("not yet");
    }
}
