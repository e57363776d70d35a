package io.github.appendlog.emulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded random mix of faults for soak runs: each request, with probability {@code rate}, gets
 * one of the {@link Kind}s, chosen uniformly. The same seed gives the same sequence of draws (the
 * order in which concurrent requests draw is up to the scheduler). Thread-safe.
 */
public final class ChaosFaults {

    /** The faults the mix draws from. */
    public enum Kind {
        /** 500 InternalError. */
        INTERNAL_ERROR,
        /** 502 BadGateway. */
        BAD_GATEWAY,
        /** 503 ServiceUnavailable. */
        SERVICE_UNAVAILABLE,
        /** 503 SlowDown. */
        SLOW_DOWN,
        /** 429 TooManyRequests. */
        TOO_MANY_REQUESTS,
        /** The connection is reset before the request is applied. */
        RESET_BEFORE_APPLY,
        /** The request is applied, then the connection is dropped without a reply. */
        APPLY_THEN_DROP,
        /** The request is applied and the reply held back for the slow delay (past a client timeout). */
        SLOW_REPLY
    }

    /** What one request gets: nothing, a fault instead of serving it, a drop after it, or a delay. */
    static final class Draw {
        static final Draw NONE = new Draw(null, false, Duration.ZERO);

        private final FaultInjector.Fault fault;
        private final boolean dropAfterApply;
        private final Duration delay;

        private Draw(FaultInjector.Fault fault, boolean dropAfterApply, Duration delay) {
            this.fault = fault;
            this.dropAfterApply = dropAfterApply;
            this.delay = delay;
        }

        /** A fault served instead of the request, or null. */
        FaultInjector.Fault fault() {
            return fault;
        }

        boolean dropAfterApply() {
            return dropAfterApply;
        }

        Duration delay() {
            return delay;
        }
    }

    private final Random random;
    private final double rate;
    private final Duration slowDelay;
    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);

    /**
     * @param seed seeds the draws
     * @param rate the share of requests that get a fault, 0..1
     * @param slowDelay how long {@link Kind#SLOW_REPLY} holds a reply back
     */
    public ChaosFaults(long seed, double rate, Duration slowDelay) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within 0..1: " + rate);
        }
        this.random = new Random(seed);
        this.rate = rate;
        this.slowDelay = Objects.requireNonNull(slowDelay, "slowDelay");
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicLong());
        }
    }

    /** How many requests got {@code kind} so far. */
    public long count(Kind kind) {
        return counts.get(kind).get();
    }

    /** How many requests got any fault so far. */
    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    synchronized Draw draw() {
        if (random.nextDouble() >= rate) {
            return Draw.NONE;
        }
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        counts.get(kind).incrementAndGet();
        switch (kind) {
            case INTERNAL_ERROR:
                return error(OssError.internalError());
            case BAD_GATEWAY:
                return error(OssError.of(502, "BadGateway", "Injected bad gateway (appendlog emulator)."));
            case SERVICE_UNAVAILABLE:
                return error(OssError.of(503, "ServiceUnavailable", "Injected fault (appendlog emulator)."));
            case SLOW_DOWN:
                return error(OssError.of(503, "SlowDown", "Please reduce your request rate."));
            case TOO_MANY_REQUESTS:
                return error(OssError.of(429, "TooManyRequests", "Injected throttling (appendlog emulator)."));
            case RESET_BEFORE_APPLY:
                return new Draw(FaultInjector.Fault.reset(), false, Duration.ZERO);
            case APPLY_THEN_DROP:
                return new Draw(null, true, Duration.ZERO);
            case SLOW_REPLY:
            default:
                return new Draw(null, false, slowDelay);
        }
    }

    private static Draw error(OssError error) {
        return new Draw(FaultInjector.Fault.error(error), false, Duration.ZERO);
    }
}
