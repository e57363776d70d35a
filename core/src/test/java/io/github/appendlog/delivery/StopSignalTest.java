package io.github.appendlog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StopSignalTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void stopEndsAWaitAlreadyRunning() {
        StopSignal signal = new StopSignal();
        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try {
                signal.sleepNanos(600 * SECOND);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertFalse(sleeping.isDone());
        signal.stopBegan(System.nanoTime() + SECOND);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sleeping.get());
    }

    @Test
    void waitsAfterStopDoNotWaitAndRetriesKeepTheStopsDeadline() throws Exception {
        StopSignal signal = new StopSignal();
        long far = System.nanoTime() + 3600 * SECOND;
        assertEquals(far, signal.deadline(far));
        long stopDeadline = System.nanoTime() + 5 * SECOND;
        signal.stopBegan(stopDeadline);
        assertTrue(signal.stopping());
        assertEquals(stopDeadline, signal.deadline(far));
        long sooner = stopDeadline - SECOND;
        assertEquals(sooner, signal.deadline(sooner));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> signal.sleepNanos(600 * SECOND));
    }

    @Test
    void aRetryPolicyOnItGivesUpWhenTheWaitWouldPassTheStopsDeadline() throws Exception {
        StopSignal signal = new StopSignal();
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofSeconds(20), Duration.ofSeconds(20),
                ExponentialBackoff.Jitter.NONE, () -> 0.0);
        RetryPolicy policy = new RetryPolicy(5, backoff, signal, System::nanoTime);
        signal.stopBegan(System.nanoTime() + 5 * SECOND);
        long noDeadline = System.nanoTime() + 3600 * SECOND;
        assertEquals(RetryPolicy.Decision.DEADLINE, policy.awaitRetry(1, noDeadline));
    }
}
