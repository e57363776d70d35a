package io.github.appendlog.delivery;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.delivery.ExponentialBackoff;
import io.github.appendlog.delivery.RetryPolicy;
import io.github.appendlog.delivery.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Immutable settings of an {@link AppendWriter}: size limit and retry behaviour, plus the clock,
 * sleeper and random source that tests replace.
 */
final class WriterOptions {
    private final long maxObjectBytes;
    private final int maxRetries;
    private final int maxConflicts;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final ExponentialBackoff.Jitter jitter;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Runnable onRetry;
    private final AttemptRecorder recorder;

    private WriterOptions(Builder b) {
        this.maxObjectBytes = b.maxObjectBytes;
        this.maxRetries = b.maxRetries;
        this.maxConflicts = b.maxConflicts;
        this.retryBaseDelay = b.retryBaseDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.jitter = b.jitter;
        this.random = b.random;
        this.sleeper = b.sleeper;
        this.nanoTime = b.nanoTime;
        this.onRetry = b.onRetry;
        this.recorder = b.recorder;
    }

    /** The writer settings of an appender configuration. */
    static WriterOptions from(AppendlogConfig config) {
        return builder(config).build();
    }

    /** A builder holding the writer settings of an appender configuration, for the seams to be set. */
    static Builder builder(AppendlogConfig config) {
        return builder()
                .maxObjectBytes(config.maxObjectBytes())
                .maxRetries(config.maxRetries())
                .retryBaseDelay(config.retryBaseDelay())
                .retryMaxDelay(config.retryMaxDelay());
    }

    static Builder builder() {
        return new Builder();
    }

    /** An append that would take the object past this many bytes requires a rollover. */
    long maxObjectBytes() {
        return maxObjectBytes;
    }

    /** Retries of one append call after I/O errors, 5xx and throttling. */
    int maxRetries() {
        return maxRetries;
    }

    /**
     * Position conflicts (another writer appended first) one append call resolves before it gives
     * up; each conflict is progress, so it does not use up {@link #maxRetries()}.
     */
    int maxConflicts() {
        return maxConflicts;
    }

    Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** The retry policy these options describe. */
    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, new ExponentialBackoff(retryBaseDelay, retryMaxDelay, jitter, random),
                sleeper, nanoTime);
    }

    /** Run before each retry a writer makes within one call (counted in the pipeline's stats). */
    Runnable onRetry() {
        return onRetry;
    }

    /** Told of every append request before it is sent. */
    AttemptRecorder recorder() {
        return recorder;
    }

    @Override
    public String toString() {
        return "WriterOptions{maxObjectBytes=" + maxObjectBytes + ", maxRetries=" + maxRetries + ", maxConflicts="
                + maxConflicts + ", retryBaseDelay=" + retryBaseDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", jitter=" + jitter + "}";
    }

    /** Defaults match {@link AppendlogConfig}'s. */
    static final class Builder {
        private long maxObjectBytes = AppendlogConfig.OSS_MAX_OBJECT_BYTES - 64 * AppendlogConfig.MIB;
        private int maxRetries = 5;
        private int maxConflicts = 64;
        private Duration retryBaseDelay = Duration.ofMillis(200);
        private Duration retryMaxDelay = Duration.ofSeconds(30);
        private ExponentialBackoff.Jitter jitter = ExponentialBackoff.Jitter.FULL;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private LongSupplier nanoTime = System::nanoTime;
        private Runnable onRetry = () -> { };
        private AttemptRecorder recorder = AttemptRecorder.NONE;

        private Builder() {
        }

        Builder maxObjectBytes(long bytes) {
            this.maxObjectBytes = bytes;
            return this;
        }

        Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        Builder maxConflicts(int conflicts) {
            this.maxConflicts = conflicts;
            return this;
        }

        Builder retryBaseDelay(Duration delay) {
            this.retryBaseDelay = delay;
            return this;
        }

        Builder retryMaxDelay(Duration delay) {
            this.retryMaxDelay = delay;
            return this;
        }

        Builder jitter(ExponentialBackoff.Jitter jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Values in {@code [0, 1)} for the jitter; tests pass a fixed value. */
        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock {@code deadlineNanos} is measured on; {@code System::nanoTime} by default. */
        Builder onRetry(Runnable onRetry) {
            this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
            return this;
        }

        Builder recorder(AttemptRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            return this;
        }

        /** Checks every rule and reports all problems in one message. */
        WriterOptions build() {
            StringBuilder problems = new StringBuilder();
            if (maxObjectBytes < 1) {
                problems.append("maxObjectBytes: ").append(maxObjectBytes).append(" must be positive; ");
            }
            if (maxRetries < 0) {
                problems.append("maxRetries: ").append(maxRetries).append(" must not be negative; ");
            }
            if (maxConflicts < 0) {
                problems.append("maxConflicts: ").append(maxConflicts).append(" must not be negative; ");
            }
            if (retryBaseDelay == null || retryBaseDelay.isNegative()) {
                problems.append("retryBaseDelay: ").append(retryBaseDelay).append(" must be zero or positive; ");
            }
            if (retryMaxDelay == null || retryMaxDelay.isNegative()) {
                problems.append("retryMaxDelay: ").append(retryMaxDelay).append(" must be zero or positive; ");
            }
            if (retryBaseDelay != null && retryMaxDelay != null && retryBaseDelay.compareTo(retryMaxDelay) > 0) {
                problems.append("retryBaseDelay: ").append(retryBaseDelay).append(" is longer than retryMaxDelay ")
                        .append(retryMaxDelay).append("; ");
            }
            if (problems.length() > 0) {
                throw new IllegalArgumentException(problems.substring(0, problems.length() - 2));
            }
            Objects.requireNonNull(jitter, "jitter");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(nanoTime, "nanoTime");
            return new WriterOptions(this);
        }
    }
}
