package io.github.appendlog.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: the ceiling for retry {@code n} (1-based) is
 * {@code min(maxDelay, baseDelay * 2^(n-1))}, and the jitter picks the actual wait below it.
 * Immutable and thread-safe as long as the random source is.
 */
final class ExponentialBackoff {

    /** How the wait is drawn below the ceiling. */
    enum Jitter {
        /** Exactly the ceiling. */
        NONE,
        /** Uniform in {@code [0, ceiling]}: spreads retries of many clients the most. */
        FULL,
        /** Uniform in {@code [ceiling/2, ceiling]}: never waits less than half the ceiling. */
        EQUAL
    }

    private final long baseNanos;
    private final long maxNanos;
    private final Jitter jitter;
    private final DoubleSupplier random;

    /**
     * @param random values in {@code [0, 1)}; tests pass a fixed sequence
     */
    ExponentialBackoff(Duration baseDelay, Duration maxDelay, Jitter jitter, DoubleSupplier random) {
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative: base " + baseDelay + ", max " + maxDelay);
        }
        if (baseDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("baseDelay " + baseDelay + " is longer than maxDelay " + maxDelay);
        }
        this.baseNanos = saturatedNanos(baseDelay);
        this.maxNanos = saturatedNanos(maxDelay);
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Full jitter drawn from {@link ThreadLocalRandom}. */
    ExponentialBackoff(Duration baseDelay, Duration maxDelay) {
        this(baseDelay, maxDelay, Jitter.FULL, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The ceiling for retry {@code retry} (1-based), before jitter. */
    long ceilingNanos(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based: " + retry);
        }
        int shift = Math.min(retry - 1, 62);
        long ceiling = baseNanos > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseNanos << shift;
        return Math.min(ceiling, maxNanos);
    }

    /** The wait before retry {@code retry} (1-based). */
    long delayNanos(int retry) {
        long ceiling = ceilingNanos(retry);
        switch (jitter) {
            case FULL:
                return scaled(ceiling, draw());
            case EQUAL:
                long half = ceiling / 2;
                return (ceiling - half) + scaled(half, draw());
            case NONE:
            default:
                return ceiling;
        }
    }

    Duration delay(int retry) {
        return Duration.ofNanos(delayNanos(retry));
    }

    private double draw() {
        double r = random.getAsDouble();
        if (!(r >= 0.0) || r > 1.0) {
            throw new IllegalStateException("random source gave " + r + ", outside [0, 1]");
        }
        return r;
    }

    private static long scaled(long nanos, double fraction) {
        return (long) Math.floor(nanos * fraction);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "ExponentialBackoff{base=" + Duration.ofNanos(baseNanos) + ", max=" + Duration.ofNanos(maxNanos)
                + ", jitter=" + jitter + "}";
    }
}
