package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.ObjectChecksum;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's lifecycle under faults: the sender survives whatever one iteration throws, stop
 * always completes and closes the client, counts what stays unsent exactly once, and cuts a running
 * retry wait short.
 */
class AppendPipelineLifecycleTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        store.down(false);
        store.release();
        assertTimeoutPreemptively(BOUND, () -> started.forEach(AppendPipeline::stop));
    }

    private AppendPipeline start(AppendlogConfig.Builder config, StatusReporter reporter, AppendStore client) {
        AppendPipeline p = AppendPipeline.start(config.build(), reporter, client);
        started.add(p);
        return p;
    }

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static int lines(String text) {
        return text.isEmpty() ? 0 : text.split("\n").length;
    }

    @Test
    void theSenderSurvivesErrorsFromTheStoreClientAndDeliversEverything() {
        AtomicInteger appends = new AtomicInteger();
        store.onAppend(key -> {
            int n = appends.incrementAndGet();
            if (n <= 2) {
                throw new OutOfMemoryError("injected on append " + n);
            }
            if (n <= 4) {
                throw new IllegalStateException("injected on append " + n);
            }
        });
        AppendPipeline pipeline = start(AppendPipelineTest.config(), status, store);
        for (int i = 0; i < 100; i++) {
            assertTrue(pipeline.offer(line("event " + i), false));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(store.allText()) == 100);
        assertTrue(pipeline.senderAlive(), "the sender thread runs on");
        assertTrue(status.messages.stream().anyMatch(m -> m.startsWith("ERROR") && m.contains("OutOfMemoryError")),
                status.messages.toString());
        for (int i = 100; i < 110; i++) {
            assertTrue(pipeline.offer(line("event " + i), false));
        }
        assertTimeoutPreemptively(BOUND, () -> assertTrue(pipeline.stop()));
        assertEquals(110, lines(store.allText()));
        for (int i = 0; i < 110; i++) {
            assertTrue(store.allText().contains("event " + i + "\n"));
        }
    }

    @Test
    void aStatusReporterThatThrowsNeitherKillsTheSenderNorStopsTheDropReports() {
        store.down(true);
        AtomicInteger warnings = new AtomicInteger();
        StatusReporter throwing = new StatusReporter() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message, Throwable cause) {
                if (message.contains("dropped")) {
                    warnings.incrementAndGet();
                }
                throw new IllegalStateException("status listener fails");
            }

            @Override
            public void error(String message, Throwable cause) {
                throw new LinkageError("status listener fails");
            }
        };
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("1 KB").maxBatchBytes("1 KB"),
                throwing, store);
        assertTrue(pipeline.offer(line("first"), true));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
        for (int round = 1; round <= 3; round++) {
            int reported = warnings.get();
            while (pipeline.offer(line("fill"), true)) {
                assertTrue(pipeline.stats().offered() < 10_000);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> warnings.get() > reported);
            assertTrue(pipeline.senderAlive(), "round " + round);
        }
        store.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.allText().contains("[appendlog] dropped"));
        assertTimeoutPreemptively(BOUND, () -> assertTrue(pipeline.stop()));
    }

    @Test
    void stopClosesTheClientAndReturnsWhenItsCloseThrowsAnError() {
        AtomicBoolean closed = new AtomicBoolean();
        AppendStore client = new Delegating(store) {
            @Override
            public void close() {
                closed.set(true);
                throw new LinkageError("injected in close");
            }
        };
        AppendPipeline pipeline = start(AppendPipelineTest.config(), status, client);
        assertTrue(pipeline.offer(line("one"), false));
        assertTimeoutPreemptively(BOUND, () -> assertTrue(pipeline.stop()));
        assertTrue(closed.get());
        assertEquals("one\n", store.allText());
        assertFalse(pipeline.senderAlive());
        assertTrue(status.messages.stream().anyMatch(m -> m.contains("LinkageError")), status.messages.toString());
    }

    @Test
    void stopClosesTheClientWhenTheStatusReporterThrowsOnEveryReport() {
        store.down(true);
        StatusReporter throwing = new StatusReporter() {
            @Override
            public void info(String message) {
                throw new IllegalStateException("status listener fails");
            }

            @Override
            public void warn(String message, Throwable cause) {
                throw new IllegalStateException("status listener fails");
            }

            @Override
            public void error(String message, Throwable cause) {
                throw new LinkageError("status listener fails");
            }
        };
        AppendPipeline pipeline = start(AppendPipelineTest.config().shutdownTimeout(Duration.ofMillis(300)), throwing,
                store);
        assertTrue(pipeline.offer(line("never lands"), true));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
        assertTimeoutPreemptively(BOUND, () -> assertFalse(pipeline.stop()));
        assertTrue(store.isClosed());
        assertEquals(1, pipeline.stats().unflushedAtStop());
        assertFalse(pipeline.senderAlive());
    }

    @Test
    void stopCountsWhatAStuckSenderHoldsExactlyOnceWithoutTouchingItsQueue() throws Exception {
        CountDownLatch inAppend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        store.onAppend(key -> {
            inAppend.countDown();
            boolean interrupted = false;
            while (true) { // deaf to interrupts, like a request stuck in a socket write
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        AppendPipeline pipeline = start(AppendPipelineTest.config().shutdownTimeout(Duration.ofSeconds(1)), status,
                store);
        for (int i = 0; i < 10; i++) {
            assertTrue(pipeline.offer(line("in the stuck batch " + i), false));
        }
        assertTrue(inAppend.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 5; i++) {
            assertTrue(pipeline.offer(line("buffered " + i), false));
        }
        long began = System.nanoTime();
        boolean stopped = assertTimeoutPreemptively(BOUND, () -> pipeline.stop());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertFalse(stopped);
        assertTrue(tookMillis < 1000 + 1000 + 1500, "stop took " + tookMillis + " ms; shutdownTimeout 1 s + 1 s");
        assertEquals(15, pipeline.stats().unflushedAtStop());
        assertTrue(status.messages.stream().anyMatch(m -> m.startsWith("WARN") && m.contains("15 events")),
                status.messages.toString());

        release.countDown(); // the stuck request ends (the client is closed: it fails) and the sender ends
        await().atMost(Duration.ofSeconds(10)).until(() -> !pipeline.senderAlive());
        assertEquals(15, pipeline.stats().unflushedAtStop(), "counted once, not again when the sender ended");
        assertEquals(0, pipeline.stats().appendedEvents());
    }

    @Test
    void stopCutsARunningRetryWaitShortAndTheBatchLandsAtOnce() {
        AppendStore failingOnce = new Delegating(store) {
            private final AtomicBoolean failed = new AtomicBoolean();

            @Override
            public AppendReply append(String key, long position, byte[] data, int offset, int length,
                    long deadlineNanos) throws IOException, StoreException {
                if (failed.compareAndSet(false, true)) {
                    store.requests.incrementAndGet();
                    throw new IOException("Connection reset (injected once)");
                }
                return store.append(key, position, data, offset, length, deadlineNanos);
            }
        };
        AppendlogConfig config = AppendPipelineTest.config().retryBaseDelay(Duration.ofSeconds(20))
                .retryMaxDelay(Duration.ofSeconds(20)).maxRetries(3).shutdownTimeout(Duration.ofSeconds(5)).build();
        // The jitter draws its highest value: the writer's wait before its retry is the full 20 s.
        AppendPipeline pipeline = AppendPipeline.start(config, status, failingOnce, Clock.systemUTC(), () -> 0.999);
        started.add(pipeline);
        assertTrue(pipeline.offer(line("lands at stop"), true));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);

        long began = System.nanoTime();
        boolean stopped = assertTimeoutPreemptively(BOUND, () -> pipeline.stop());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertTrue(stopped, status.messages.toString());
        assertEquals("lands at stop\n", store.allText());
        assertTrue(tookMillis < 5000, "stop took " + tookMillis + " ms, the wait was not cut short");
    }

    @Test
    void stopCutsThePipelinesOwnWaitBeforeItRetriesABatchShort() {
        store.down(true);
        // No retries inside the writer: the failed batch waits in the sender, 10 to 20 s (equal jitter).
        AppendPipeline pipeline = start(AppendPipelineTest.config().retryBaseDelay(Duration.ofSeconds(20))
                .retryMaxDelay(Duration.ofSeconds(20)).maxRetries(0).shutdownTimeout(Duration.ofSeconds(5)), status,
                store);
        assertTrue(pipeline.offer(line("lands at stop"), true));
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.stats().failedAppends() > 0);
        store.down(false);

        long began = System.nanoTime();
        boolean stopped = assertTimeoutPreemptively(BOUND, () -> pipeline.stop());
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertTrue(stopped, status.messages.toString());
        assertEquals("lands at stop\n", store.allText());
        assertTrue(tookMillis < 5000, "stop took " + tookMillis + " ms, the wait was not cut short");
    }

    /** Passes every call to a store; tests override what they break. */
    private static class Delegating implements AppendStore {
        final AppendStore target;

        Delegating(AppendStore target) {
            this.target = target;
        }

        @Override
        public AppendReply append(String key, long position, byte[] data, int offset, int length, long deadlineNanos)
                throws IOException, StoreException {
            return target.append(key, position, data, offset, length, deadlineNanos);
        }

        @Override
        public ObjectInfo head(String key, long deadlineNanos) throws IOException, StoreException {
            return target.head(key, deadlineNanos);
        }

        @Override
        public byte[] getRange(String key, long first, long lastInclusive, long deadlineNanos)
                throws IOException, StoreException {
            return target.getRange(key, first, lastInclusive, deadlineNanos);
        }

        @Override
        public List<String> list(String prefix, long deadlineNanos) throws IOException, StoreException {
            return target.list(prefix, deadlineNanos);
        }

        @Override
        public ObjectChecksum checksum() {
            return target.checksum();
        }

        @Override
        public String location(String key) {
            return target.location(key);
        }

        @Override
        public String describe() {
            return target.describe();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
