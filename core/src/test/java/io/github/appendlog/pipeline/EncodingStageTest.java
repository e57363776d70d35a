package io.github.appendlog.pipeline;


import io.github.appendlog.status.PipelineStats;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.testing.Producers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events handed over before encoding: encoded on the encoder thread, in order, with exact accounting. */
class EncodingStageTest {
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> started = new ArrayList<>();
    private final Set<String> encodingThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger encodeCalls = new AtomicInteger();
    /** Encodes a String as its UTF-8 bytes and a newline, noting the thread. */
    private final EventEncoder<String> lines = event -> {
        encodingThreads.add(Thread.currentThread().getName());
        encodeCalls.incrementAndGet();
        return ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));
    };

    @AfterEach
    void stopAll() {
        store.down(false);
        started.forEach(AppendPipeline::stop);
    }

    private AppendPipeline start(AppendlogConfig.Builder config) {
        AppendPipeline p = AppendPipeline.start(config.build(), status, store);
        started.add(p);
        return p;
    }

    /** Store down: the sender holds one failing batch and leaves the buffer alone from then on. */
    private void senderHoldsAFailingBatch(AppendPipeline pipeline) {
        store.down(true);
        assertTrue(pipeline.offer("first", lines, true, 5));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
    }

    @Test
    void encodesOnTheEncoderThreadInOrderFromConcurrentProducers() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBatchBytes("16 KB").maxBufferBytes("8 MB"));
        assertFalse(pipeline.encodesOnCallerThread());
        int producers = 4;
        int perProducer = 5000;
        Producers.run(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                String event = "p" + id + " " + i;
                assertTrue(pipeline.offer(event, lines, i % 2 == 0, event.length()));
            }
        });
        assertTrue(pipeline.stop());

        AppendPipelineTest.assertEachProducersLinesOnceInOrder(store.allText(), producers, perProducer);
        PipelineStats stats = pipeline.stats();
        assertEquals(producers * perProducer, stats.offered());
        assertEquals(producers * perProducer, stats.appendedEvents());
        assertEquals(0, stats.droppedBufferFull() + stats.droppedBelowWarn() + stats.unflushedAtStop());
        assertTrue(encodingThreads.contains("appendlog-encoder-test"), encodingThreads.toString());
        assertEquals(producers * perProducer, encodeCalls.get());
    }

    @Test
    void aFewEventsLandWithinTheFlushInterval() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        for (int i = 0; i < 3; i++) {
            assertTrue(pipeline.offer("quiet " + i, lines, false, 7));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> "quiet 0\nquiet 1\nquiet 2\n".equals(store.allText()));
        assertFalse(encodingThreads.contains(Thread.currentThread().getName()), encodingThreads.toString());
    }

    @Test
    void aFewEventsDuringAnOutageAreEncodedWithoutWaitingForTheStore() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        senderHoldsAFailingBatch(pipeline);
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.bufferedBytes() == 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(pipeline.offer("during outage " + i, lines, true, 15));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> encodeCalls.get() == 4);
        assertEquals(3 * EventBuffer.roomOf(16), pipeline.bufferedBytes());
    }

    @Test
    void aFullBatchWakesTheSenderWithoutWaitingForTheTimer() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().flushInterval(Duration.ofHours(1)).maxBatchBytes("64 KB"));
        String event = "x".repeat(99);
        for (int i = 0; i < 2000; i++) {
            assertTrue(pipeline.offer(event, lines, false, event.length()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.allText().length() >= 64 * 1024 / 2);
    }

    @Test
    void dropsAreDecidedAndCountedOnTheLoggingThreadAndNeverEncoded() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("8 KB").maxBatchBytes("1 KB").discardThreshold(100));
        senderHoldsAFailingBatch(pipeline);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            if (pipeline.offer("event " + i, lines, true, 9)) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(refused > 0 && accepted > 0, accepted + " accepted, " + refused + " refused");
        assertEquals(refused, pipeline.stats().droppedBufferFull());
        int acceptedInAll = accepted + 1;
        await().atMost(Duration.ofSeconds(5)).until(() -> encodeCalls.get() == acceptedInAll);

        store.down(false);
        assertTrue(pipeline.stop());
        assertEquals(acceptedInAll, pipeline.stats().appendedEvents());
        assertEquals(acceptedInAll, encodeCalls.get());
    }

    @Test
    void eachReservationIsCorrectedToTheEncodedSizeAndTheEstimateLearnsIt() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("4 MB").maxBatchBytes("1 MB").maxEventBytes("2 KB"));
        senderHoldsAFailingBatch(pipeline);
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.bufferedBytes() == 0);
        String big = "y".repeat(999); // 1000 bytes encoded, offered with a size hint of 0
        for (int i = 0; i < 200; i++) {
            assertTrue(pipeline.offer(big, lines, true, 0));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> encodeCalls.get() == 201);
        long exact = 200 * EventBuffer.roomOf(1000); // plus the unused ends of the chunks they filled
        assertTrue(pipeline.bufferedBytes() >= exact && pipeline.bufferedBytes() < exact + 100, pipeline.bufferedBytes() + " buffered");
        int learned = pipeline.intake().overheadBytes();
        assertTrue(learned > 800 && learned <= 1000, "learned overhead " + learned);
    }

    @Test
    void anEventThatCannotBeEncodedIsDroppedCountedAndReportedAndTheRestLand() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        EventEncoder<String> failingOnBad = event -> {
            if (event.equals("bad")) {
                throw new IllegalStateException("layout broke");
            }
            return lines.encode(event);
        };
        for (String event : new String[] {"a", "bad", "b"}) {
            assertTrue(pipeline.offer(event, failingOnBad, false, 1));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> "a\nb\n".equals(store.allText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !status.matching("WARN", "1 events could not be encoded").isEmpty());
        assertTrue(status.matching("WARN", "could not be encoded").get(0).contains("layout broke"));
        assertTrue(pipeline.stop());
        assertEquals(1, pipeline.stats().encodeFailures());
        assertEquals(2, pipeline.stats().appendedEvents());
        assertEquals(0, pipeline.bufferedBytes());
    }

    @Test
    void stopEncodesAndSendsWhatWasHandedOverThenRefusesAndCounts() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().flushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 300; i++) {
            assertTrue(pipeline.offer("before stop " + i, lines, false, 13));
        }
        assertTrue(pipeline.stop());
        assertEquals(300, store.allText().split("\n").length);
        assertFalse(pipeline.offer("after stop", lines, true, 10));
        assertEquals(300, pipeline.stats().appendedEvents());
        assertEquals(1, pipeline.stats().refusedAfterStop());
        assertEquals(301, pipeline.stats().offered());
        assertEquals(0, pipeline.bufferedBytes());
    }

    @Test
    void whenTheEncoderFallsBehindTheRingFillsAndNothingIsDroppedOrReordered() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("16 MB").maxBatchBytes("64 KB"));
        EventEncoder<String> slow = event -> {
            long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // an expensive layout
            }
            return lines.encode(event);
        };
        int producers = 4;
        int perProducer = 3000; // 12,000 events: three times the ring
        Producers.run(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                String event = "p" + id + " " + i;
                assertTrue(pipeline.offer(event, slow, false, event.length()));
            }
        });
        assertTrue(pipeline.stop());
        AppendPipelineTest.assertEachProducersLinesOnceInOrder(store.allText(), producers, perProducer);
        assertEquals(0, pipeline.stats().droppedBufferFull());
    }

    @Test
    void anEventOfferedWhileEncodingIsRefusedAndNotCounted() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        AtomicReference<Boolean> nested = new AtomicReference<>();
        EventEncoder<String> logsWhileEncoding = event -> {
            nested.set(pipeline.offer("nested", lines, true, 6));
            return lines.encode(event);
        };
        assertTrue(pipeline.offer("outer", logsWhileEncoding, false, 5));
        await().atMost(Duration.ofSeconds(5)).until(() -> nested.get() != null);
        assertFalse(nested.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> "outer\n".equals(store.allText()));
        assertEquals(1, pipeline.stats().offered());
    }

    @Test
    void withEncodeOnCallerThreadTheLoggingThreadEncodes() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().encodeOnCallerThread(true));
        assertTrue(pipeline.encodesOnCallerThread());
        assertNull(pipeline.intake().encoderThread());
        assertTrue(pipeline.offer("inline", lines, false, 0));
        assertEquals(Set.of(Thread.currentThread().getName()), encodingThreads);
        await().atMost(Duration.ofSeconds(5)).until(() -> "inline\n".equals(store.allText()));
    }
}
