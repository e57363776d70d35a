package io.github.appendlog.logback;

import io.github.appendlog.status.PipelineStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The appender's Micrometer meters in {@link Metrics#globalRegistry}, tagged {@code appender} and
 * {@code framework}: function-based, each reading the pipeline's {@link PipelineStats} when the
 * registry asks, so nothing is counted twice and the logging thread does no more work. Loaded only
 * by {@link io.github.appendlog.status.MicrometerSwitch} (with {@code metrics=true} and Micrometer
 * present): no other class refers to it. {@link #close} removes the meters. As with the MBean, the
 * newest appender of a name replaces the meters of an older one still running (a reload that starts
 * the new pipeline before the old one stops), whose close then leaves the newer meters in place.
 */
final class MicrometerMeters implements AutoCloseable {
    /** The binder that registered each appender's meters last; guarded by itself. */
    private static final Map<String, MicrometerMeters> OWNERS = new HashMap<>();

    private final String owner;
    private final MeterRegistry registry = Metrics.globalRegistry;
    private final List<Meter> meters = new ArrayList<>();
    private final Supplier<PipelineStats> stats;

    MicrometerMeters(String appender, String framework, Supplier<PipelineStats> stats) {
        this.stats = stats;
        this.owner = framework + "/" + appender;
        synchronized (OWNERS) {
            MicrometerMeters older = OWNERS.put(owner, this);
            if (older != null) {
                older.removeMeters();
            }
            register(appender, framework);
        }
    }

    private void register(String appender, String framework) {
        Tags tags = Tags.of("appender", appender, "framework", framework);
        events(tags, "handed_over", PipelineStats::offered);
        events(tags, "appended", PipelineStats::appendedEvents);
        events(tags, "dropped_buffer_full", PipelineStats::droppedBufferFull);
        events(tags, "dropped_below_warn", PipelineStats::droppedBelowWarn);
        events(tags, "dropped_after_stop", PipelineStats::refusedAfterStop);
        events(tags, "dropped_encode_failure", PipelineStats::encodeFailures);
        events(tags, "unsent_at_stop", PipelineStats::unflushedAtStop);
        events(tags, "truncated", PipelineStats::truncated);
        events(tags, "journalled", PipelineStats::journalledEvents);
        events(tags, "dropped_journal_full", PipelineStats::droppedJournalFull);
        events(tags, "lost_from_journal", PipelineStats::journalLost);
        counter(tags, "appendlog.bytes.sent", "bytes", "Bytes appended, marker lines included",
                PipelineStats::bytesSent);
        counter(tags, "appendlog.batches", null, "Append requests that landed", PipelineStats::batchesSent);
        counter(tags, "appendlog.append.errors", null, "Append calls that failed (the batch is kept and retried)",
                PipelineStats::failedAppends);
        meters.add(Gauge.builder("appendlog.buffer.bytes", this, m -> m.read(PipelineStats::bufferedBytes))
                .tags(tags).baseUnit("bytes").description("Bytes waiting to be sent").register(registry));
        meters.add(Gauge.builder("appendlog.journal.bytes", this, m -> m.read(PipelineStats::journalBytes))
                .tags(tags).baseUnit("bytes").description("Bytes of the journal's files on disk (0 without a journal)")
                .register(registry));
        meters.add(Gauge.builder("appendlog.journal.backlog.bytes", this,
                m -> m.read(PipelineStats::journalBacklogBytes)).tags(tags).baseUnit("bytes")
                .description("Bytes journalled and not yet taken for sending").register(registry));
        meters.add(TimeGauge.builder("appendlog.unsent.age", this, TimeUnit.MILLISECONDS,
                m -> m.read(PipelineStats::oldestUnsentAgeMillis)).tags(tags)
                .description("Age of the oldest event not sent yet (an upper bound), 0 when none waits")
                .register(registry));
    }

    private void events(Tags tags, String outcome, ToLongFunction<PipelineStats> count) {
        meters.add(FunctionCounter.builder("appendlog.events", this, m -> m.read(count)).tags(tags)
                .tag("outcome", outcome).description("Events by outcome").register(registry));
    }

    private void counter(Tags tags, String name, String unit, String description,
            ToLongFunction<PipelineStats> count) {
        meters.add(FunctionCounter.builder(name, this, m -> m.read(count)).tags(tags).baseUnit(unit)
                .description(description).register(registry));
    }

    private double read(ToLongFunction<PipelineStats> value) {
        return value.applyAsLong(stats.get());
    }

    @Override
    public void close() {
        synchronized (OWNERS) {
            if (OWNERS.get(owner) == this) {
                OWNERS.remove(owner);
                removeMeters();
            }
        }
    }

    private void removeMeters() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
        meters.clear();
    }
}
