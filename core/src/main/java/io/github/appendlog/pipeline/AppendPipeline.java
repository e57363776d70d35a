package io.github.appendlog.pipeline;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.OverflowPolicy;
import io.github.appendlog.credentials.RefreshingCredentials;
import io.github.appendlog.intake.Intake;
import io.github.appendlog.journal.JournalLink;
import io.github.appendlog.journal.JournalOptions;
import io.github.appendlog.journal.JournalStage;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.delivery.Delivery;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.PipelineStats;
import io.github.appendlog.status.StatusReporter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * The orchestrator: owns the bounded buffer, the encoder stage, the sender thread, batching,
 * object-key rollover and the append writer. Adapters hand an event over with its encoder
 * ({@link #offer(Object, EventEncoder, boolean, int)}; the {@link Intake}'s thread
 * {@code appendlog-encoder-<name>} encodes it), or a copy of it in a reused holder
 * ({@link #offer(Object, EventCopier, boolean)}), or, with {@code encodeOnCallerThread}, hand over
 * its bytes ({@link #offer(byte[], boolean)}); everything else happens on the sender thread
 * ({@code appendlog-sender-<name>}).
 *
 * <p>CONTRACT (adapters rely on it):
 * <ul>
 *   <li>{@link #start} validates nothing (the config is already valid), creates the HTTP client,
 *       starts the credentials' refresh ({@code appendlog-credentials-<name>}, only for a source
 *       fetched over the network) and the sender; it never touches the network nor waits for it
 *       (the first object is opened by the sender, the first credentials fetched in the background).
 *   <li>{@link #offer} never touches the network and never blocks, except with
 *       {@code overflowPolicy=BLOCK}, up to {@code maxBlockTime}. Returns false when the event was
 *       dropped (buffer full, or above {@code discardThreshold} and not important); the drop is
 *       counted by the pipeline, and the adapter may route the event to a fallback appender.
 *       An event longer than {@code maxEventBytes} is truncated with a marker and counted.
 *       Calls from the pipeline's own threads are refused (return false, not counted) so the
 *       appender never logs into itself. The pipeline copies the bytes before it returns (the ranged
 *       {@link #offer(byte[], int, int, boolean)} lets an adapter reuse one encoding buffer). An event
 *       handed over unencoded is decided the same way, on its estimated size, and must not change
 *       afterwards; an encoder that throws on the encoder thread drops that event (counted, reported).
 *   <li>{@link #dropBeforeEncoding} lets an adapter skip preparing or encoding an event that would
 *       surely be dropped (counted the same way); when it returns false the adapter offers.
 *   <li>{@link #stop} flushes within {@code shutdownTimeout} (a retry wait already running is cut
 *       short), closes the buffer, the client and the credentials' refresh whatever throws on the
 *       way, reports through the
 *       {@link StatusReporter} what it could not flush (each event counted once), and returns true
 *       if everything landed. It returns within {@code shutdownTimeout} + 1 s, after the encoder
 *       stage returned, even when the sender is stuck in a request.
 *   <li>Nothing the status reporter throws reaches the pipeline's threads or {@code stop}; the
 *       sender thread runs until stop whatever one of its passes throws ({@link Delivery}).
 * </ul>
 *
 * <p>The path an event takes and each stage's contract are in the package comments: {@code intake}
 * (admission, hand-off, encoder thread), {@code buffer}, {@code delivery} (sender loop, rollover,
 * append writer, retries), {@code store}; every event's fate is counted in one
 * {@link EventLedger}.
 *
 * <p>Memory: the buffer holds up to {@code maxBufferBytes}, counting what each event's record
 * takes ({@link EventBuffer#roomOf}); the sender holds one more batch (up to {@code maxBatchBytes},
 * in a reused array), formed when the buffered events fill one. A batch's object is chosen when the
 * batch is formed (its {@code %d} period is the time then, at most {@code flushInterval} after the
 * events were logged), and kept for all its retries.
 */
public final class AppendPipeline {
    private final AppendlogConfig config;
    private final StatusReporter status;
    private final AppendStore client;
    private final String prefix;
    private final EventBuffer buffer;
    private final EventLedger ledger;
    private final Delivery sender;
    private final Thread senderThread;
    /** Takes events into the buffer; encodes handed-over events off the logging threads unless {@code encodeOnCallerThread}. */
    private final Intake intake;
    /** Null without {@code journalDirectory}. */
    private final JournalStage journal;
    private Boolean stopResult; // guarded by this

    private AppendPipeline(AppendlogConfig config, StatusReporter status, AppendStore client, Clock clock,
            DoubleSupplier random, UnaryOperator<JournalOptions.Builder> journalOptions) {
        this.config = config;
        this.status = new GuardedStatus(status);
        this.client = client;
        this.prefix = "appendlog '" + config.name() + "': ";
        this.buffer = new EventBuffer(config.maxBufferBytes(), config.discardThreshold(), config.maxBatchBytes());
        this.ledger = new EventLedger(clock);
        long blockNanos = config.overflowPolicy() == OverflowPolicy.BLOCK ? config.maxBlockTime().toNanos() : 0;
        JournalLink link = config.journalDirectory() == null ? null : new JournalLink();
        this.sender = Delivery.create(config, client, this.status, prefix, buffer, ledger, this::drainHandOff, clock,
                random, link);
        this.senderThread = new PipelineThreadFactory("sender", config.name(), this.status).newThread(sender);
        this.journal = link == null ? null : JournalSetup.stage(config, this.status, prefix, link, buffer, ledger,
                () -> LockSupport.unpark(senderThread), journalOptions);
        this.intake = config.encodeOnCallerThread()
                ? Intake.onCallerThread(buffer, ledger, (int) config.maxEventBytes(), blockNanos)
                : Intake.withEncoderThread(buffer, ledger, (int) config.maxEventBytes(), blockNanos,
                        new PipelineThreadFactory("encoder", config.name(), this.status), this::wakeSenderIfBatchReady,
                        config.flushInterval().toNanos());
        // Whoever turns reservations into buffered events is woken when a batch's worth is reserved.
        buffer.consumer(!intake.encodesOnCallerThread() ? intake.encoderThread()
                : journal != null ? journal.thread() : senderThread);
    }

    /**
     * Starts a pipeline that sends to OSS through an {@link OssHttpClient} made from the config.
     *
     * @throws java.io.UncheckedIOException when the configured trust store cannot be read
     */
    public static AppendPipeline start(AppendlogConfig config, StatusReporter status) {
        return start(config, status, OssHttpClient.create(config));
    }

    /** Starts a pipeline on any store client (tests, benchmarks); {@link #stop} closes it. */
    public static AppendPipeline start(AppendlogConfig config, StatusReporter status, AppendStore client) {
        return start(config, status, client, Clock.systemUTC());
    }

    /** Like {@link #start(AppendlogConfig, StatusReporter, AppendStore)}, with a clock for object keys and drop times. */
    public static AppendPipeline start(AppendlogConfig config, StatusReporter status, AppendStore client,
            Clock clock) {
        return start(config, status, client, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: with the random source the retry waits' jitter is drawn from. */
    static AppendPipeline start(AppendlogConfig config, StatusReporter status, AppendStore client, Clock clock,
            DoubleSupplier random) {
        return start(config, status, client, clock, random, UnaryOperator.identity());
    }

    /** For tests: with the journal's options changed (channels that fail, a smaller segment). */
    static AppendPipeline start(AppendlogConfig config, StatusReporter status, AppendStore client, Clock clock,
            DoubleSupplier random, UnaryOperator<JournalOptions.Builder> journalOptions) {
        AppendPipeline pipeline = new AppendPipeline(config, status, client, clock, random, journalOptions);
        RefreshingCredentials credentials = config.credentialsProvider();
        credentials.start(StatusReporter.prefixed(pipeline.prefix, pipeline.status),
                new PipelineThreadFactory("credentials", config.name(), pipeline.status), config.dropReportInterval());
        try {
            if (pipeline.journal != null) {
                pipeline.journal.start(); // opens it first: the sender reads the journal from its first batch
            }
            pipeline.senderThread.start();
            pipeline.intake.start();
        } catch (RuntimeException | Error e) {
            credentials.close();
            throw e;
        }
        return pipeline;
    }

    /**
     * Hands one encoded event (complete with its line separator) to the pipeline.
     *
     * @param important WARN or above: kept when the buffer is above {@code discardThreshold}
     * @return false if the event was dropped (and counted), or refused on a pipeline thread
     */
    public boolean offer(byte[] encodedEvent, boolean important) {
        return offer(encodedEvent, 0, encodedEvent.length, important);
    }

    /**
     * Like {@link #offer(byte[], boolean)} for the event in {@code bytes[offset, offset+length)}.
     * The pipeline copies the bytes before it returns: the caller may reuse the array at once (an
     * adapter can encode every event into the same per-thread buffer).
     */
    public boolean offer(byte[] bytes, int offset, int length, boolean important) {
        if (PipelineThreadFactory.isPipelineThread()) {
            return false;
        }
        return intake.offer(bytes, offset, length, important);
    }

    /**
     * Hands one event to the pipeline before it is encoded: the pipeline's encoder thread encodes it
     * later with {@code encoder}, in the order of the calls. The event must not change afterwards (an
     * adapter hands over a copy, or an event prepared for deferred processing). Room is reserved now
     * from an estimate ({@code sizeHint}, e.g. the message's length, plus what the encoder was seen to
     * add), so the drop decision is taken here, as {@link #offer(byte[], boolean)} takes it. With
     * {@code encodeOnCallerThread} the event is encoded right here instead.
     *
     * @return false if the event was dropped (and counted), or refused on a pipeline thread
     */
    public <E> boolean offer(E event, EventEncoder<? super E> encoder, boolean important, int sizeHint) {
        if (intake.encodesOnCallerThread()) {
            ByteBuffer bytes = encoder.encode(event); // what it throws reaches the adapter, as any appender's layout
            return offer(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), important);
        }
        if (PipelineThreadFactory.isPipelineThread()) {
            return false;
        }
        return intake.offer(event, encoder, important, sizeHint);
    }

    /**
     * Hands one event to the pipeline through a reusable holder: {@code copier} copies the event into
     * a holder the pipeline keeps for reuse (one per hand-off slot), which the encoder thread encodes
     * later, in the order of the calls; so the logging thread allocates nothing. Room is reserved from
     * the copy's size hint, as {@link #offer(Object, EventEncoder, boolean, int)} does. With
     * {@code encodeOnCallerThread} the copy is encoded right here instead (an adapter would rather
     * encode its event directly).
     *
     * @return false if the event was dropped (and counted), or refused on a pipeline thread
     */
    public <E, H> boolean offer(E event, EventCopier<? super E, H> copier, boolean important) {
        if (intake.encodesOnCallerThread()) {
            H holder = copier.newHolder();
            copier.copy(event, holder);
            return offer(holder, copier, important, 0); // encodes it here
        }
        if (PipelineThreadFactory.isPipelineThread()) {
            return false;
        }
        return intake.offer(event, copier, important);
    }

    /**
     * Whether an event offered now should be encoded on the calling thread: always with
     * {@code encodeOnCallerThread}; otherwise while the hand-off to the encoder thread is full (the
     * application logs faster than the pipeline encodes). An adapter then offers its own event with
     * {@link #offerEncodedHere}, without the copy or preparation a hand-off needs. A snapshot: the
     * answer may change at once, and either way of offering is correct whatever it was.
     */
    public boolean encodesHereNow() {
        return intake.encodesHereNow();
    }

    /**
     * Encodes the event with {@code encoder} on this thread, now (as a file appender runs its layout),
     * and adds it in the order of the calls, behind the events handed over before it; the event need
     * not outlive the call. Without {@code encodeOnCallerThread}, whatever the encoder throws drops
     * this event only (counted, reported by the sender), as on the encoder thread; with it, the
     * exception reaches the caller, as from any appender's layout.
     *
     * @return false if the event was dropped (and counted), or refused on a pipeline thread
     */
    public <E> boolean offerEncodedHere(E event, EventEncoder<? super E> encoder, boolean important) {
        if (intake.encodesOnCallerThread()) {
            return offer(event, encoder, important, 0);
        }
        if (PipelineThreadFactory.isPipelineThread()) {
            return false;
        }
        return intake.offerHere(event, encoder, important);
    }

    /** Whether {@link #offer(Object, EventEncoder, boolean, int)} encodes on the calling thread. */
    public boolean encodesOnCallerThread() {
        return intake.encodesOnCallerThread();
    }

    /** The encoder stage, after it added events: a batch's worth waiting wakes the sender. */
    private void wakeSenderIfBatchReady() {
        if (buffer.batchReady()) {
            LockSupport.unpark(senderThread);
            if (journal != null) {
                LockSupport.unpark(journal.thread());
            }
        }
    }

    /** The sender, before it forms a batch: what was handed over goes into the buffer. */
    private void drainHandOff() {
        intake.drain();
    }

    /**
     * A cheap check before encoding: when an event of this importance would surely be dropped now
     * whatever its bytes (not important and the buffer above {@code discardThreshold}; or the
     * buffer full with {@code overflowPolicy=DROP}), counts the drop exactly as {@link #offer} would
     * and returns true, so the adapter skips the encoding and may route the event to a fallback.
     * Returns false otherwise (the adapter encodes and calls {@link #offer}, which decides), and
     * on the pipeline's own threads.
     */
    public boolean dropBeforeEncoding(boolean important) {
        return !PipelineThreadFactory.isPipelineThread() && intake.dropBeforeEncoding(important);
    }

    /** For tests: bytes held in the buffer, counting reservations and the per-event overhead. */
    long bufferedBytes() {
        return buffer.usedBytes();
    }

    /** For tests: whether the sender thread runs. */
    boolean senderAlive() {
        return senderThread.isAlive();
    }

    /** For tests: the intake. */
    Intake intake() {
        return intake;
    }

    /** True on the pipeline's own threads: adapters must not feed events from them. */
    public static boolean isPipelineThread() {
        return PipelineThreadFactory.isPipelineThread();
    }

    /** Every event's fate so far, counted in one place. */
    public PipelineStats stats() {
        return ledger.snapshot(buffer.usedBytes());
    }

    /**
     * Flushes what it holds within {@code shutdownTimeout} (which also bounds retries; a retry wait
     * already running is cut short), closes the client and reports what could not be delivered.
     * Completes whatever throws on the way (the client's close, the status reporter, the encoder
     * stage): the buffer and the client are always closed. Returns within {@code shutdownTimeout}
     * + 1 s. Idempotent; true if everything landed.
     */
    public synchronized boolean stop() {
        if (stopResult == null) {
            stopResult = false;
            stopResult = new PipelineStop(config, status, prefix, client, buffer, ledger, intake, sender, senderThread,
                    journal).run();
        }
        return stopResult;
    }
}
