package io.github.appendlog.pipeline;

import io.github.appendlog.intake.Admission;
import io.github.appendlog.intake.EncodingStage;
import io.github.appendlog.delivery.FailureReporter;
import io.github.appendlog.delivery.RollingObjectWriter;

import io.github.appendlog.buffer.Batch;
import io.github.appendlog.buffer.Batcher;
import io.github.appendlog.intake.DropCounter;
import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.intake.EventTruncator;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.OverflowPolicy;
import io.github.appendlog.delivery.ObjectKeyPattern;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.delivery.ExponentialBackoff;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.delivery.AppendFailedException;
import io.github.appendlog.delivery.WriterOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The orchestrator: owns the bounded buffer, the encoder stage, the sender thread, batching,
 * object-key rollover and the append writer. Adapters hand an event over with its encoder
 * ({@link #offer(Object, EventEncoder, boolean, int)}; the {@link EncodingStage}'s thread
 * {@code appendlog-encoder-<name>} encodes it), or a copy of it in a reused holder
 * ({@link #offer(Object, EventCopier, boolean)}), or, with {@code encodeOnCallerThread}, hand over
 * its bytes ({@link #offer(byte[], boolean)}); everything else happens on the sender thread
 * ({@code appendlog-sender-<name>}).
 *
 * <p>CONTRACT (adapters rely on it):
 * <ul>
 *   <li>{@link #start} validates nothing (the config is already valid), creates the HTTP client and
 *       starts the sender; it never touches the network (the first object is opened by the sender).
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
 *   <li>{@link #stop} flushes within {@code shutdownTimeout}, closes the client, reports through
 *       the {@link StatusReporter} what it could not flush, and returns true if everything landed.
 * </ul>
 *
 * <p>Hand-off: a lock-free queue that copies events into large shared chunks, bounded by an atomic
 * byte count ({@link EventBuffer}); with the encoder stage a logging thread pays one CAS on that
 * count and one on the stage's ring, and wakes the encoder once per many events
 * ({@link EncodingStage}); the encoder (or, with {@code encodeOnCallerThread}, the logging thread)
 * copies the bytes into a chunk, and the sender is woken only when the buffered bytes cross
 * {@code maxBatchBytes}. Otherwise the sender wakes on its {@code flushInterval} timer. A batch that
 * fails is kept and retried, with the same bytes on the same object, after a backoff capped at
 * {@code retryMaxDelay}, until it lands (a fix made outside takes effect without a restart); the
 * buffer fills behind it and drops are counted, reported at most once per
 * {@code dropReportInterval}, and marked by one line in the object once appends work again.
 * Append failures are reported the same way: the first at once, then once per
 * {@code dropReportInterval} while they go on, and one line when appends work again.
 *
 * <p>Memory: the buffer holds up to {@code maxBufferBytes} (event bytes plus
 * {@link EventBuffer#EVENT_OVERHEAD_BYTES} each); the sender holds one more batch (up to
 * {@code maxBatchBytes}, in a reused array). Because the wake-up threshold counts that overhead, a
 * batch sent on it carries slightly less than {@code maxBatchBytes} of events when events are small.
 * A batch's object is chosen when the batch is formed (its {@code %d} period is the time then,
 * at most {@code flushInterval} after the events were logged), and kept for all its retries.
 */
public final class AppendPipeline {
    /** "No deadline" for appends outside stop; far away, yet safe for nanoTime arithmetic. */
    private static final long NO_DEADLINE_NANOS = TimeUnit.DAYS.toNanos(365);
    /** Shortest wait between two attempts of a failing batch, whatever retryBaseDelay says. */
    private static final long MIN_RETRY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How long stop waits for an interrupted sender after the deadline. */
    private static final long STOP_GRACE_MILLIS = 1000;

    private final AppendlogConfig config;
    private final StatusReporter status;
    private final AppendStore client;
    private final Clock clock;
    private final String prefix;
    private final EventBuffer buffer;
    private final DropCounter drops;
    private final Admission admission;
    private final Thread sender;
    /** Encodes handed-over events off the logging threads; null with {@code encodeOnCallerThread}. */
    private final EncodingStage encoding;
    private final AtomicLong appendedEvents = new AtomicLong();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong failedAppends = new AtomicLong();
    private final AtomicLong unflushedEvents = new AtomicLong();
    private final AtomicLong unflushedBytes = new AtomicLong();
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;
    private volatile String lastError;
    private Boolean stopResult; // guarded by this

    // Sender thread only:
    private final Batch batch;
    private final Batcher batcher;
    private final RollingObjectWriter objects;
    private final ExponentialBackoff backoff;
    private final FailureReporter failures;
    private boolean attempted;
    private Instant batchStart;
    private long retryAtNanos;
    private long lastDropReportNanos;
    private long reportedTruncated;
    private long reportedEncodeFailures;

    private AppendPipeline(AppendlogConfig config, StatusReporter status, AppendStore client, Clock clock) {
        this.config = config;
        this.status = status;
        this.client = client;
        this.clock = clock;
        this.prefix = "appendlog '" + config.name() + "': ";
        this.buffer = new EventBuffer(config.maxBufferBytes(), config.discardThreshold(), config.maxBatchBytes());
        this.drops = new DropCounter(clock);
        long blockNanos = config.overflowPolicy() == OverflowPolicy.BLOCK ? config.maxBlockTime().toNanos() : 0;
        this.admission = new Admission(buffer, new EventTruncator((int) config.maxEventBytes()), drops, blockNanos);
        this.batch = new Batch((int) config.maxBatchBytes());
        this.batcher = new Batcher(buffer);
        this.objects = new RollingObjectWriter(client, ObjectKeyPattern.parse(config.objectKey()),
                WriterOptions.from(config), status);
        this.backoff = new ExponentialBackoff(config.retryBaseDelay(), config.retryMaxDelay(),
                ExponentialBackoff.Jitter.EQUAL, () -> ThreadLocalRandom.current().nextDouble());
        this.failures = new FailureReporter(status, prefix, config.dropReportInterval().toNanos());
        this.sender = new PipelineThreadFactory("sender", config.name(), status).newThread(this::run);
        this.encoding = config.encodeOnCallerThread() ? null
                : new EncodingStage(admission, this::wakeSenderIfBatchReady,
                        new PipelineThreadFactory("encoder", config.name(), status), config.flushInterval().toNanos());
        // Whoever turns reservations into buffered events is woken when a batch's worth is reserved.
        buffer.consumer(encoding == null ? sender : encoding.thread());
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
        AppendPipeline pipeline = new AppendPipeline(config, status, client, clock);
        pipeline.lastDropReportNanos = System.nanoTime() - config.dropReportInterval().toNanos();
        pipeline.sender.start();
        if (pipeline.encoding != null) {
            pipeline.encoding.start();
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
        return admission.offer(bytes, offset, length, important);
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
        if (encoding == null) {
            ByteBuffer bytes = encoder.encode(event);
            return offer(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), important);
        }
        if (PipelineThreadFactory.isPipelineThread()) {
            return false;
        }
        return encoding.offer(event, encoder, important, sizeHint);
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
        if (encoding == null) {
            H holder = copier.newHolder();
            copier.copy(event, holder);
            return offer(holder, copier, important, 0); // encodes it here
        }
        if (PipelineThreadFactory.isPipelineThread()) {
            return false;
        }
        return encoding.offer(event, copier, important);
    }

    /** Whether {@link #offer(Object, EventEncoder, boolean, int)} encodes on the calling thread. */
    public boolean encodesOnCallerThread() {
        return encoding == null;
    }

    /** The encoder stage, after it added events: a batch's worth waiting wakes the sender. */
    private void wakeSenderIfBatchReady() {
        if (buffer.batchReady()) {
            LockSupport.unpark(sender);
        }
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
        return !PipelineThreadFactory.isPipelineThread() && admission.dropBeforeEncoding(important);
    }

    /** For tests: bytes held in the buffer, counting reservations and the per-event overhead. */
    long bufferedBytes() {
        return buffer.usedBytes();
    }

    /** For tests: the encoder stage, or null with {@code encodeOnCallerThread}. */
    EncodingStage encodingStage() {
        return encoding;
    }

    /** True on the pipeline's own threads: adapters must not feed events from them. */
    public static boolean isPipelineThread() {
        return PipelineThreadFactory.isPipelineThread();
    }

    public PipelineStats stats() {
        long offered = admission.offeredNotHandedOver() + (encoding == null ? 0 : encoding.handedOver());
        return new PipelineStats(offered, appendedEvents.get(), drops.bufferFull(), drops.belowWarn(),
                admission.truncated(), unflushedEvents.get(), admission.refusedAfterStop(), batchesSent.get(),
                bytesSent.get(), failedAppends.get(), admission.encodeFailures());
    }

    /**
     * Flushes what it holds within {@code shutdownTimeout} (which also bounds retries), closes the
     * client and reports what could not be delivered. Idempotent; true if everything landed.
     */
    public synchronized boolean stop() {
        if (stopResult != null) {
            return stopResult;
        }
        stopDeadlineNanos = System.nanoTime() + config.shutdownTimeout().toNanos();
        if (encoding != null) {
            encoding.stop(stopDeadlineNanos); // every handed-over event into the buffer first
            unflushedEvents.addAndGet(encoding.abandonRemaining());
        }
        stopping = true;
        buffer.close();
        LockSupport.unpark(sender);
        boolean ended = join(stopDeadlineNanos);
        if (!ended) {
            // Stuck in a request or a retry wait past the deadline: cut it short.
            sender.interrupt();
            closeClient();
            ended = join(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS));
        }
        closeClient();
        long[] late = buffer.drainRemaining(); // offers that raced with close
        unflushedEvents.addAndGet(late[0]);
        unflushedBytes.addAndGet(late[1]);
        if (!ended) {
            status.error(prefix + "stop: the sender thread did not end within " + format(config.shutdownTimeout()), null);
            unflushedEvents.addAndGet(batch.events());
        }
        stopResult = ended && unflushedEvents.get() == 0;
        if (!stopResult) {
            String error = lastError != null ? lastError : "the store did not answer in time";
            status.error(prefix + "stop: " + unflushedEvents.get() + " events (" + unflushedBytes.get()
                    + " bytes) could not be delivered to " + objects.currentLocation() + " within "
                    + format(config.shutdownTimeout()) + ": " + error, null);
        }
        return stopResult;
    }

    private boolean join(long deadlineNanos) {
        try {
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(sender, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !sender.isAlive();
    }

    private void closeClient() {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            status.warn(prefix + "closing " + client.describe() + " failed: " + e.getMessage(), e);
        }
    }

    // ---- sender thread ----

    /**
     * The sender loop. Events stay in the buffer (where they count towards the wake-up threshold)
     * until a batch is due: the buffer holds a batch's worth, the flush timer fired, or stop began.
     * Then batches are formed and sent until the buffer is empty (timer, stop) or below a batch's
     * worth (threshold). A batch that fails stays, unchanged, until it lands or stop gives up.
     */
    private void run() {
        long flushNanos = config.flushInterval().toNanos();
        long nextFlushNanos = System.nanoTime() + flushNanos;
        long dueBytes = 0; // buffered when the flush timer last fired, not yet taken into a batch
        boolean timerFired = false;
        boolean stopSeen = false;
        try {
            while (true) {
                long now = System.nanoTime();
                boolean stop = stopping;
                if (stop && !stopSeen) {
                    stopSeen = true;
                    retryAtNanos = now; // one more attempt at once, whatever the backoff said
                }
                if (stop && now - stopDeadlineNanos >= 0) {
                    break;
                }
                if (now - nextFlushNanos >= 0) {
                    // What is buffered now is due: it goes out (in as many batches as it takes), and what
                    // comes in meanwhile waits for a full batch or the next tick, not a chain of small ones.
                    dueBytes = Math.max(dueBytes, buffer.usedBytes());
                    nextFlushNanos = now + flushNanos;
                    timerFired = true;
                }
                if (!attempted && (timerFired || dueBytes > 0 || stop || buffer.batchReady())) {
                    long taken = fill();
                    dueBytes = taken == 0 ? 0 : Math.max(0, dueBytes - taken);
                    timerFired = false;
                }
                if (!batch.isEmpty()) {
                    if (now - retryAtNanos >= 0) {
                        send(stop);
                        continue;
                    }
                }
                if (stop && batch.isEmpty() && buffer.usedBytes() == 0) {
                    break;
                }
                reportDropsIfDue(now);
                long wakeAt = attempted ? retryAtNanos : nextFlushNanos;
                if (stop) {
                    // Empty batch but bytes reserved: a producer is between its reservation and its enqueue.
                    wakeAt = batch.isEmpty() ? now + TimeUnit.MILLISECONDS.toNanos(1) : Math.min(wakeAt, stopDeadlineNanos);
                }
                LockSupport.parkNanos(this, Math.max(0, wakeAt - now));
            }
        } catch (InterruptedException e) {
            lastError = "interrupted at the shutdown deadline";
        } catch (RuntimeException | Error e) {
            lastError = e.toString();
            status.error(prefix + "the sender stopped unexpectedly: " + e, e);
        } finally {
            finish();
        }
    }

    /**
     * Forms a batch from the buffer, starting with the marker line if events were dropped since the
     * last one. Its time, taken now, chooses the object (the {@code %d} period). Returns the buffer
     * room the events it took had ({@link EventBuffer#roomOf} each).
     */
    private long fill() {
        if (encoding != null) {
            encoding.drain();
        }
        if (buffer.isEmpty()) {
            return 0;
        }
        batchStart = clock.instant();
        byte[] marker = drops.takeMarkerLine();
        if (marker != null) {
            batch.addUncounted(marker);
        }
        int lengthBefore = batch.length();
        long eventsBefore = batch.events();
        batcher.fill(batch);
        long events = batch.events() - eventsBefore;
        return batch.length() - lengthBefore + events * EventBuffer.EVENT_OVERHEAD_BYTES;
    }

    /** One attempt at the current batch: it lands, or it stays for a retry after a backoff. */
    private void send(boolean stop) throws InterruptedException {
        if (!attempted) {
            objects.beginBatch(batchStart);
            attempted = true;
        }
        long deadline = stop ? stopDeadlineNanos : System.nanoTime() + NO_DEADLINE_NANOS;
        try {
            objects.append(batch.array(), 0, batch.length(), deadline);
        } catch (AppendFailedException e) {
            failedAppends.incrementAndGet();
            lastError = e.getMessage();
            failures.failed("cannot append to " + objects.currentLocation(), e, System.nanoTime());
            int n = (int) Math.min(failures.failuresInARow(), 62);
            retryAtNanos = System.nanoTime() + Math.max(MIN_RETRY_WAIT_NANOS, backoff.delayNanos(n));
            return;
        }
        appendedEvents.addAndGet(batch.events());
        batchesSent.incrementAndGet();
        bytesSent.addAndGet(batch.length());
        batch.clear();
        attempted = false;
        failures.succeeded("appending to " + objects.currentLocation());
    }

    private void reportDropsIfDue(long now) {
        if (now - lastDropReportNanos < config.dropReportInterval().toNanos()) {
            return;
        }
        String dropped = drops.takeReport();
        long cut = admission.truncated();
        if (dropped != null) {
            status.warn(prefix + dropped + "; the buffer (maxBufferBytes " + config.maxBufferBytes()
                    + ") was full or above discardThreshold " + config.discardThreshold() + "%", null);
            lastDropReportNanos = now;
        }
        long failed = admission.encodeFailures();
        if (failed != reportedEncodeFailures) {
            RuntimeException e = admission.lastEncodeFailure();
            status.error(prefix + (failed - reportedEncodeFailures) + " events could not be encoded and were dropped: "
                    + e, e);
            reportedEncodeFailures = failed;
            lastDropReportNanos = now;
        }
        if (cut != reportedTruncated) {
            status.warn(prefix + "truncated " + (cut - reportedTruncated) + " events longer than maxEventBytes "
                    + config.maxEventBytes(), null);
            reportedTruncated = cut;
            lastDropReportNanos = now;
        }
    }

    /** Counts what stays undelivered once the sender ends. */
    private void finish() {
        reportDropsIfDue(System.nanoTime() + config.dropReportInterval().toNanos());
        long events = batch.events();
        long bytes = batch.length();
        long[] left = buffer.drainRemaining();
        unflushedEvents.addAndGet(events + left[0]);
        unflushedBytes.addAndGet(bytes + left[1]);
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
    }
}
