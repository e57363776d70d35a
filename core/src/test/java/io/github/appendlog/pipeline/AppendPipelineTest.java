package io.github.appendlog.pipeline;

import io.github.appendlog.status.PipelineStats;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.testing.Producers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppendPipelineTest {
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        store.down(false);
        store.authFailing(false);
        store.release();
        started.forEach(AppendPipeline::stop);
    }

    /** The settings pipeline tests start from: fast timers, a short flush interval, small events. */
    static AppendlogConfig.Builder config() {
        return AppendlogConfig.builder()
                .name("test")
                .endpoint("http://127.0.0.1:1")
                .region("cn-hangzhou")
                .bucket("logs")
                .objectKey("app/%d{yyyy-MM-dd}/app-%i.log")
                .accessKeyId("test-id")
                .accessKeySecret("test-secret")
                .flushInterval(Duration.ofMillis(20))
                .retryBaseDelay(Duration.ofMillis(5))
                .retryMaxDelay(Duration.ofMillis(50))
                .maxRetries(1)
                .maxEventBytes("512")
                .dropReportInterval(Duration.ofMillis(0))
                .shutdownTimeout(Duration.ofSeconds(5));
    }

    private AppendPipeline start(AppendlogConfig.Builder config) {
        AppendPipeline p = AppendPipeline.start(config.build(), status, store);
        started.add(p);
        return p;
    }

    private AppendPipeline start(AppendlogConfig.Builder config, MutableClock clock) {
        AppendPipeline p = AppendPipeline.start(config.build(), status, store, clock);
        started.add(p);
        return p;
    }

    /**
     * With the store down: hands the sender one event and waits until it tried to send it. From then
     * on the sender holds that batch and leaves the buffer alone, so a test can fill it exactly.
     */
    private void senderHoldsAFailingBatch(AppendPipeline pipeline) {
        assertTrue(pipeline.offer(line("first"), true));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
    }

    /** Every line "p<producer> <i>" of {@code text} exactly once and in each producer's order. */
    static void assertEachProducersLinesOnceInOrder(String text, int producers, int perProducer) {
        int[] next = new int[producers];
        String[] lines = text.split("\n");
        assertEquals(producers * perProducer, lines.length);
        for (String line : lines) {
            String[] parts = line.split(" ");
            int id = Integer.parseInt(parts[0].substring(1));
            assertEquals(next[id], Integer.parseInt(parts[1]), "producer " + id + " out of order or duplicated");
            next[id]++;
        }
    }

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void deliversEveryEventExactlyOnceInOrderFromConcurrentProducers() throws Exception {
        AppendPipeline pipeline = start(config().maxBatchBytes("16 KB").maxBufferBytes("8 MB"));
        int producers = 4;
        int perProducer = 5000;
        Producers.run(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                assertTrue(pipeline.offer(line("p" + id + " " + i), i % 2 == 0));
            }
        });
        assertTrue(pipeline.stop());

        assertEachProducersLinesOnceInOrder(store.allText(), producers, perProducer);
        PipelineStats stats = pipeline.stats();
        assertEquals(producers * perProducer, stats.offered());
        assertEquals(producers * perProducer, stats.appendedEvents());
        assertEquals(0, stats.droppedBufferFull() + stats.droppedBelowWarn() + stats.unflushedAtStop());
        assertTrue(stats.batchesSent() > 1);
        assertEquals(store.allText().length(), stats.bytesSent());
        assertEquals(Set.of("appendlog-sender-test"), store.callingThreads);
    }

    @Test
    void flushesASmallBatchOnItsTimer() {
        start(config().flushInterval(Duration.ofMillis(50)));
        started.get(0).offer(line("hello"), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> "hello\n".equals(store.allText()));
    }

    @Test
    void aSteadyTrickleIsSentOncePerFlushIntervalNotInAChainOfSmallBatches() {
        // Each append takes 10 ms, and events keep coming in meanwhile: the flush timer sends what was
        // there when it fired, then waits for the next tick (it used to chase the buffer, sending a
        // small batch per append for as long as events kept coming).
        store.onAppend(key -> LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)));
        AppendPipeline pipeline = start(config().flushInterval(Duration.ofMillis(100)).maxBatchBytes("4 MB")
                .maxEventBytes("1 KB"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int offered = 0;
        while (System.nanoTime() < end) {
            assertTrue(pipeline.offer(line("trickle " + offered++), false));
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        assertTrue(pipeline.stop());
        assertEquals(offered, pipeline.stats().appendedEvents());
        // About one append per 100 ms tick (plus the one at stop); a chain would be close to one per 10 ms.
        assertTrue(pipeline.stats().batchesSent() <= 25, pipeline.stats().batchesSent() + " appends for 1 s of "
                + offered + " events");
    }

    @Test
    void sendsAFullBatchAtOnceWithoutWaitingForTheTimer() {
        AppendPipeline pipeline = start(config().flushInterval(Duration.ofHours(1)).maxBatchBytes("4 KB"));
        byte[] event = new byte[99];
        Arrays.fill(event, (byte) 'x');
        event[98] = '\n';
        for (int i = 0; i < 60; i++) {
            pipeline.offer(event, false);
        }
        // 60 events of 99 bytes (plus overhead) cross the 4 KB threshold: at least one batch goes now.
        await().atMost(Duration.ofSeconds(5)).until(() -> store.allText().length() >= 99 * 40);
        assertTrue(store.allText().length() <= 4096 * 2);
    }

    @Test
    void dropsWhenFullCountsThemAndMarksTheObjectOnceTheStoreRecovers() {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("4 KB").maxBatchBytes("1 KB").maxEventBytes("100"));
        senderHoldsAFailingBatch(pipeline);
        int accepted = 1;
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            if (pipeline.offer(line("event " + i), true)) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(refused > 0);
        int dropped = refused;
        int kept = accepted;
        assertEquals(dropped, pipeline.stats().droppedBufferFull());
        await().atMost(Duration.ofSeconds(5)).until(() -> !status.matching("WARN", "(" + dropped + " since start)").isEmpty());

        store.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(store.allText(), "\n") == pipeline.stats().appendedEvents() + 1
                && pipeline.stats().appendedEvents() == kept);
        String text = store.allText();
        assertEquals(1, count(text, "[appendlog] dropped"));
        Matcher m = Pattern.compile("\\[appendlog] dropped (\\d+) events \\((\\d+) buffer full, 0 below WARN\\) between "
                + "\\S+Z and \\S+Z\n").matcher(text);
        assertTrue(m.find(), text);
        assertEquals(refused, Integer.parseInt(m.group(1)));
        assertTrue(pipeline.stop());
    }

    @Test
    void reportsDropsAtMostOncePerIntervalAndTheRestAtStop() {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("1 KB").maxBatchBytes("1 KB")
                .dropReportInterval(Duration.ofHours(1)).shutdownTimeout(Duration.ofMillis(100)));
        senderHoldsAFailingBatch(pipeline);
        while (pipeline.offer(line("fill"), true)) {
            assertTrue(pipeline.stats().offered() < 1000);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> status.matching("WARN", "dropped").size() == 1);
        for (int i = 0; i < 5; i++) {
            assertFalse(pipeline.offer(line("more"), true));
        }
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> status.matching("WARN", "dropped").size() == 1);
        assertFalse(pipeline.stop());
        assertEquals(1, status.matching("WARN", "dropped 5 events (5 buffer full, 0 below WARN) (6 since start)").size(),
                status.messages.toString());
    }

    @Test
    void aboveTheDiscardThresholdOnlyImportantEventsGetThrough() {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("8 KB").maxBatchBytes("1 KB").discardThreshold(50));
        senderHoldsAFailingBatch(pipeline);
        int i = 0;
        while (pipeline.offer(line("info " + i), false)) {
            i++;
            assertTrue(i < 1000);
        }
        assertEquals(1, pipeline.stats().droppedBelowWarn());
        assertTrue(pipeline.offer(line("warn"), true));
        assertTrue(pipeline.offer(line("error"), true));
        assertFalse(pipeline.offer(line("info again"), false));
        assertEquals(2, pipeline.stats().droppedBelowWarn());
        assertEquals(0, pipeline.stats().droppedBufferFull());
        store.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.allText().contains("error\n"));
        assertTrue(store.allText().contains("(0 buffer full, 2 below WARN)"));
    }

    @Test
    void dropBeforeEncodingCountsExactlyLikeOfferAndOnlyWhenTheDropIsCertain() {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("8 KB").maxBatchBytes("1 KB").discardThreshold(50));
        senderHoldsAFailingBatch(pipeline);
        assertFalse(pipeline.dropBeforeEncoding(false)); // below the threshold: an offer decides
        int i = 0;
        while (pipeline.offer(line("info " + i), false)) {
            i++;
            assertTrue(i < 1000);
        }
        long offered = pipeline.stats().offered();
        assertTrue(pipeline.dropBeforeEncoding(false));
        assertTrue(pipeline.dropBeforeEncoding(false));
        assertFalse(pipeline.dropBeforeEncoding(true)); // important events still get in
        assertEquals(3, pipeline.stats().droppedBelowWarn());
        assertEquals(offered + 2, pipeline.stats().offered());
        while (pipeline.offer(new byte[0], true)) { // until not even an empty event fits
            assertTrue(pipeline.stats().offered() < 2000);
        }
        assertTrue(pipeline.dropBeforeEncoding(true)); // full, DROP policy
        assertEquals(2, pipeline.stats().droppedBufferFull());
        store.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.allText().contains("(2 buffer full, 3 below WARN)"));
    }

    @Test
    void dropBeforeEncodingLeavesAFullBufferToOfferWithTheBlockPolicy() {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("1 KB").maxBatchBytes("1 KB")
                .overflowPolicy("BLOCK").maxBlockTime(Duration.ofMillis(50)));
        senderHoldsAFailingBatch(pipeline);
        fillUntilRefusedAfter(pipeline, Duration.ofMillis(50));
        assertFalse(pipeline.dropBeforeEncoding(true)); // BLOCK waits for room: offer decides
        assertEquals(1, pipeline.stats().droppedBufferFull());
    }

    @Test
    void blockPolicyWaitsForRoomThenDropsAndCounts() {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("1 KB").maxBatchBytes("1 KB")
                .overflowPolicy("BLOCK").maxBlockTime(Duration.ofMillis(300)));
        senderHoldsAFailingBatch(pipeline);
        fillUntilRefusedAfter(pipeline, Duration.ofMillis(300));
        assertEquals(1, pipeline.stats().droppedBufferFull());
    }

    private static void fillUntilRefusedAfter(AppendPipeline pipeline, Duration wait) {
        byte[] event = new byte[200];
        Arrays.fill(event, (byte) 'e');
        event[199] = '\n';
        // The sender holds a batch while the store is down; the buffer takes 4 of these.
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            if (!pipeline.offer(event, true)) {
                long waited = System.nanoTime() - start;
                assertTrue(waited >= wait.toNanos(), "waited " + waited);
                assertTrue(waited < wait.toNanos() + TimeUnit.SECONDS.toNanos(5), "waited " + waited);
                return;
            }
        }
        throw new AssertionError("never refused");
    }

    @Test
    void blockPolicyReturnsPromptlyWhenRoomAppears() throws Exception {
        store.down(true);
        AppendPipeline pipeline = start(config().maxBufferBytes("1 KB").maxBatchBytes("1 KB")
                .overflowPolicy("BLOCK").maxBlockTime(Duration.ofMinutes(1)));
        senderHoldsAFailingBatch(pipeline);
        byte[] big = new byte[400];
        Arrays.fill(big, (byte) 'b');
        big[399] = '\n';
        // The buffer fills behind the held batch, and then the producer waits for room.
        CompletableFuture<Boolean> blocked = new CompletableFuture<>();
        Thread producer = new Thread(() -> {
            while (!blocked.isDone()) {
                long start = System.nanoTime();
                boolean ok = pipeline.offer(big, true);
                if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(100)) {
                    blocked.complete(ok);
                }
            }
        });
        producer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());
        store.down(false);
        assertTrue(blocked.get(10, TimeUnit.SECONDS));
        assertEquals(0, pipeline.stats().droppedBufferFull());
    }

    @Test
    void aRangedOfferCopiesTheBytesSoTheCallerMayReuseItsArrayAndIsTruncatedLikeAnyOther() {
        AppendPipeline pipeline = start(config().maxEventBytes("100"));
        byte[] reused = "xxfirst\nyy".getBytes(StandardCharsets.UTF_8);
        assertTrue(pipeline.offer(reused, 2, 6, false));
        Arrays.fill(reused, (byte) '#');
        byte[] large = new byte[1010];
        Arrays.fill(large, (byte) 'z');
        assertTrue(pipeline.offer(large, 5, 1000, false));
        assertTrue(pipeline.stop());
        String text = store.allText();
        assertTrue(text.startsWith("first\nzzz"), text);
        assertEquals(6 + 100, text.length(), text);
        assertTrue(text.endsWith("...[appendlog: truncated " + (1000 - (text.indexOf("...") - 6)) + " bytes]\n"), text);
        assertEquals(1, pipeline.stats().truncated());
    }

    @Test
    void truncatesAnOversizedEventWithAVisibleMarker() {
        AppendPipeline pipeline = start(config().maxEventBytes("100"));
        byte[] event = new byte[1000];
        Arrays.fill(event, (byte) 'z');
        assertTrue(pipeline.offer(event, false));
        assertTrue(pipeline.stop());
        String text = store.allText();
        assertEquals(100, text.length(), text);
        assertTrue(text.endsWith("...[appendlog: truncated " + (1000 - text.indexOf("...")) + " bytes]\n"), text);
        assertEquals(1, pipeline.stats().truncated());
        assertEquals(1, status.matching("WARN", "truncated 1 events longer than maxEventBytes 100").size());
    }

    @Test
    void rollsToANewObjectWhenTheDateChanges() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T07:59:59Z"));
        AppendPipeline pipeline = start(config().objectKey("app/%d{yyyy-MM-dd-HH}/app-%i.log"), clock);
        pipeline.offer(line("before"), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> "before\n".equals(store.text("app/2026-11-25-07/app-0.log")));
        clock.advance(Duration.ofSeconds(1));
        pipeline.offer(line("after"), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> "after\n".equals(store.text("app/2026-11-25-08/app-0.log")));
        assertEquals("before\n", store.text("app/2026-11-25-07/app-0.log"));
    }

    @Test
    void rollsToTheNextIndexWhenAnObjectIsFull() {
        AppendPipeline pipeline = start(config().objectKey("app/app-%i.log").maxObjectBytes("1 KB")
                .maxBatchBytes("1 KB").maxEventBytes("100"));
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String l = "event number " + i;
            expected.append(l).append('\n');
            assertTrue(pipeline.offer(line(l), false));
        }
        assertTrue(pipeline.stop());
        assertEquals(expected.toString(), store.allText());
        List<String> keys = store.keys();
        assertTrue(keys.size() >= 2, keys.toString());
        for (String k : keys) {
            assertTrue(store.text(k).length() <= 1024, k);
        }
        assertTrue(keys.contains("app/app-0.log") && keys.contains("app/app-1.log"), keys.toString());
    }

    @Test
    void resumesTheCurrentObjectAfterARestartSkippingObjectsItCannotUse() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        store.putNormal("app/2026-11-25/app-0.log", "someone else's\n");
        store.putAppendable("app/2026-11-25/app-1.log", "x".repeat(1020) + "\n");
        store.putAppendable("app/2026-11-25/app-2.log", "earlier run\n");
        AppendPipeline pipeline = start(config().maxObjectBytes("1 KB").maxBatchBytes("1 KB"), clock);
        pipeline.offer(line("next run"), false);
        assertTrue(pipeline.stop());
        assertEquals("earlier run\nnext run\n", store.text("app/2026-11-25/app-2.log"));
        assertEquals("someone else's\n", store.text("app/2026-11-25/app-0.log"));
        assertEquals(3, store.keys().size());
    }

    @Test
    void stopFlushesEverythingItHolds() {
        AppendPipeline pipeline = start(config().flushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 10; i++) {
            pipeline.offer(line("e" + i), false);
        }
        assertTrue(pipeline.stop());
        assertEquals(10, count(store.allText(), "\n"));
        assertTrue(store.isClosed());
        assertTrue(pipeline.stop(), "idempotent");
        assertFalse(pipeline.offer(line("late"), true));
        assertEquals(1, pipeline.stats().refusedAfterStop());
    }

    @Test
    void stopWhileTheStoreIsDownReturnsWithinTheTimeoutAndCountsWhatItCouldNotFlush() {
        store.down(true);
        AppendPipeline pipeline = start(config().shutdownTimeout(Duration.ofMillis(500)).retryMaxDelay(Duration.ofMillis(100)));
        for (int i = 0; i < 3; i++) {
            pipeline.offer(line("e" + i), false);
        }
        long start = System.nanoTime();
        assertFalse(pipeline.stop());
        long took = System.nanoTime() - start;
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(400), "gave up after " + took);
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(500 + 1500), "took " + took);
        assertEquals(3, pipeline.stats().unflushedAtStop());
        assertEquals(1, status.matching("WARN", "stop: 3 events (9 bytes) could not be delivered to oss://logs/app/")
                .size(), status.messages.toString());
        assertEquals(1, status.matching("WARN", "within 500 ms: ").size());
        assertFalse(pipeline.stop(), "idempotent");
    }

    @Test
    void stopCutsARequestThatHangsPastTheTimeout() {
        store.hang();
        AppendPipeline pipeline = start(config().shutdownTimeout(Duration.ofMillis(300)));
        pipeline.offer(line("stuck"), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
        long start = System.nanoTime();
        assertFalse(pipeline.stop());
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(300 + 1500));
        assertEquals(1, pipeline.stats().unflushedAtStop());
    }

    @Test
    void keepsTheBatchThroughAnAuthFailureAndDeliversItOnceTheStoreIsFixed() {
        store.authFailing(true);
        AppendPipeline pipeline = start(config().dropReportInterval(Duration.ofHours(1)));
        pipeline.offer(line("kept"), true);
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.stats().failedAppends() >= 3);
        assertEquals(1, status.matching("WARN", "appendlog 'test': cannot append to oss://logs/app/").size(), "reported once per interval");
        store.authFailing(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> "kept\n".equals(store.allText()));
        assertEquals(1, status.matching("INFO", "works again").size());
        assertTrue(status.matching("ERROR", "").isEmpty(), "refused credentials at run time are a WARN: " + status.messages);
        assertTrue(status.messages.stream().allMatch(m -> m.substring(m.indexOf(' ') + 1).startsWith("appendlog 'test': ")),
                "every message names the appender: " + status.messages);
    }

    @Test
    void refusesEventsFromItsOwnThreadsWithoutCountingThem() throws Exception {
        AtomicBoolean accepted = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        AppendPipeline[] self = new AppendPipeline[1];
        store.onAppend(key -> {
            calls.incrementAndGet();
            accepted.set(self[0].offer(line("the HTTP client logs"), true));
        });
        self[0] = start(config());
        self[0].offer(line("app"), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > 0);
        assertFalse(accepted.get());
        assertTrue(self[0].stop());
        assertEquals("app\n", store.allText());
        assertEquals(1, self[0].stats().offered());
        assertEquals(0, self[0].stats().droppedBufferFull() + self[0].stats().droppedBelowWarn());
        assertFalse(AppendPipeline.isPipelineThread());
        assertNotNull(self[0].stats().toString());
    }
}
