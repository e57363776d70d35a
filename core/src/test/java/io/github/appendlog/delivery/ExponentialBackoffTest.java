package io.github.appendlog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {
    static final long MS = 1_000_000;

    @Test
    void ceilingDoublesFromTheBaseUpToTheCap() {
        ExponentialBackoff b = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.NONE, () -> 0.0);
        assertEquals(100 * MS, b.delayNanos(1));
        assertEquals(200 * MS, b.delayNanos(2));
        assertEquals(400 * MS, b.delayNanos(3));
        assertEquals(800 * MS, b.delayNanos(4));
        assertEquals(1000 * MS, b.delayNanos(5));
        assertEquals(1000 * MS, b.delayNanos(500));
        assertEquals(Duration.ofSeconds(1), b.delay(Integer.MAX_VALUE));
    }

    @Test
    void fullJitterIsUniformBelowTheCeiling() {
        ExponentialBackoff low = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.FULL, () -> 0.0);
        ExponentialBackoff mid = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.FULL, () -> 0.25);
        assertEquals(0, low.delayNanos(3));
        assertEquals(100 * MS, mid.delayNanos(3));
    }

    @Test
    void equalJitterNeverWaitsLessThanHalfTheCeiling() {
        ExponentialBackoff low = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.EQUAL, () -> 0.0);
        ExponentialBackoff high = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.EQUAL, () -> 0.999999);
        assertEquals(200 * MS, low.delayNanos(3));
        long h = high.delayNanos(3);
        assertTrue(h > 399 * MS && h <= 400 * MS, "got " + h);
    }

    @Test
    void defaultRandomStaysWithinTheCeiling() {
        ExponentialBackoff b = new ExponentialBackoff(Duration.ofMillis(10), Duration.ofMillis(80));
        for (int retry = 1; retry < 50; retry++) {
            long d = b.delayNanos(retry);
            assertTrue(d >= 0 && d <= b.ceilingNanos(retry), "retry " + retry + ": " + d);
        }
    }

    @Test
    void hugeDelaysSaturateInsteadOfOverflowing() {
        ExponentialBackoff b = new ExponentialBackoff(Duration.ofDays(365), Duration.ofSeconds(Long.MAX_VALUE),
                ExponentialBackoff.Jitter.NONE, () -> 0.0);
        assertEquals(Long.MAX_VALUE, b.delayNanos(62));
        assertTrue(b.delayNanos(2) > 0);
    }

    @Test
    void zeroBaseMeansNoWait() {
        ExponentialBackoff b = new ExponentialBackoff(Duration.ZERO, Duration.ZERO);
        assertEquals(0, b.delayNanos(10));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ExponentialBackoff(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        ExponentialBackoff b = new ExponentialBackoff(Duration.ofMillis(1), Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> b.delayNanos(0));
        ExponentialBackoff broken = new ExponentialBackoff(Duration.ofMillis(1), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.FULL, () -> 1.5);
        assertThrows(IllegalStateException.class, () -> broken.delayNanos(1));
    }
}
