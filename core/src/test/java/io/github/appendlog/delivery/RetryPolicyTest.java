package io.github.appendlog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final long MS = 1_000_000;
    long now = 1_000 * MS;
    final List<Long> slept = new ArrayList<>();

    RetryPolicy policy(int maxRetries) {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                ExponentialBackoff.Jitter.NONE, () -> 0.0);
        return new RetryPolicy(maxRetries, backoff, n -> {
            slept.add(n);
            now += n;
        }, () -> now);
    }

    @Test
    void retriesUpToMaxRetriesThenIsExhausted() throws Exception {
        RetryPolicy p = policy(2);
        long deadline = now + 10_000 * MS;
        assertEquals(RetryPolicy.Decision.RETRY, p.awaitRetry(1, deadline));
        assertEquals(RetryPolicy.Decision.RETRY, p.awaitRetry(2, deadline));
        assertEquals(RetryPolicy.Decision.EXHAUSTED, p.awaitRetry(3, deadline));
        assertEquals(List.of(100 * MS, 200 * MS), slept);
    }

    @Test
    void neverWaitsPastTheDeadline() throws Exception {
        RetryPolicy p = policy(10);
        long deadline = now + 250 * MS;
        assertEquals(RetryPolicy.Decision.RETRY, p.awaitRetry(1, deadline));
        assertEquals(RetryPolicy.Decision.DEADLINE, p.awaitRetry(2, deadline));
        assertEquals(List.of(100 * MS), slept);
        assertFalse(p.expired(deadline));
        now = deadline;
        assertTrue(p.expired(deadline));
    }

    @Test
    void deadlinesWorkAcrossNanoTimeOverflow() throws Exception {
        now = Long.MAX_VALUE - 50 * MS;
        RetryPolicy p = policy(3);
        long deadline = now + 500 * MS; // overflows to a negative value
        assertEquals(RetryPolicy.Decision.RETRY, p.awaitRetry(1, deadline));
        assertFalse(p.expired(deadline));
    }

    @Test
    void zeroRetriesMeansNoWait() throws Exception {
        assertEquals(RetryPolicy.Decision.EXHAUSTED, policy(0).awaitRetry(1, now + 10_000 * MS));
        assertTrue(slept.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> policy(-1));
    }

    @Test
    void systemSleeperRespondsToInterruption() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Sleeper.SYSTEM.sleepNanos(10 * MS));
        assertFalse(Thread.interrupted());
    }
}
