package io.github.appendlog.pipeline;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.intake.Intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.testing.Producers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events handed over through holders the pipeline reuses: one holder per ring slot, cleared after use. */
class EventCopierTest {
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> started = new ArrayList<>();
    private final Lines lines = new Lines();

    /** A reusable holder: the copied text, and the event it came from (a reference to forget). */
    static final class Line {
        final StringBuilder text = new StringBuilder();
        Object source;
    }

    /** Copies Strings into {@link Line}s, remembering every holder it made. */
    static class Lines implements EventCopier<String, Line> {
        final List<Line> made = new CopyOnWriteArrayList<>();

        @Override
        public Class<Line> holderType() {
            return Line.class;
        }

        @Override
        public Line newHolder() {
            Line line = new Line();
            made.add(line);
            return line;
        }

        @Override
        public int copy(String event, Line holder) {
            holder.text.append(event);
            holder.source = event;
            return event.length();
        }

        @Override
        public ByteBuffer encode(Line holder) {
            return ByteBuffer.wrap((holder.text + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void clear(Line holder) {
            holder.text.setLength(0);
            holder.source = null;
        }
    }

    @AfterEach
    void stopAll() {
        store.down(false);
        started.forEach(AppendPipeline::stop);
    }

    private AppendPipeline start(io.github.appendlog.config.AppendlogConfig.Builder config) {
        AppendPipeline p = AppendPipeline.start(config.build(), status, store);
        started.add(p);
        return p;
    }

    private void senderHoldsAFailingBatch(AppendPipeline pipeline) {
        store.down(true);
        assertTrue(pipeline.offer("first", lines, true));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
    }

    private void assertEveryHolderIsEmpty() {
        for (Line line : lines.made) {
            assertEquals(0, line.text.length());
            assertNull(line.source);
        }
    }

    @Test
    void holdersAreReusedOncePerSlotAndEmptiedAfterEncodingWhileEventsLandInOrder() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBatchBytes("64 KB").maxBufferBytes("8 MB"));
        int producers = 4;
        int perProducer = 5000; // 20,000 events: about five laps of the ring
        Producers.run(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                assertTrue(pipeline.offer("p" + id + " " + i, lines, false));
            }
        });
        assertTrue(pipeline.stop());

        AppendPipelineTest.assertEachProducersLinesOnceInOrder(store.allText(), producers, perProducer);
        assertEquals(producers * perProducer, pipeline.stats().offered());
        assertEquals(producers * perProducer, pipeline.stats().appendedEvents());
        // one per slot, and a spare per logging thread
        assertTrue(lines.made.size() <= Intake.HANDOFF_CAPACITY + producers, lines.made.size() + " holders");
        assertEveryHolderIsEmpty();
    }

    @Test
    void aSlowEventStreamUsesTheSameFewHolders() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        for (int i = 0; i < 3; i++) {
            assertTrue(pipeline.offer("quiet " + i, lines, false));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> "quiet 0\nquiet 1\nquiet 2\n".equals(store.allText()));
        assertEquals(3, lines.made.size());
        assertEveryHolderIsEmpty();
    }

    @Test
    void anEventThatCannotBeCopiedIsDroppedCountedAndReportedAndTheRestLand() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        Lines failingOnBad = new Lines() {
            @Override
            public int copy(String event, Line holder) {
                if (event.equals("bad")) {
                    holder.source = event;
                    throw new IllegalStateException("toString broke");
                }
                return super.copy(event, holder);
            }
        };
        assertTrue(pipeline.offer("a", failingOnBad, false));
        assertFalse(pipeline.offer("bad", failingOnBad, false));
        assertTrue(pipeline.offer("b", failingOnBad, false));
        await().atMost(Duration.ofSeconds(5)).until(() -> "a\nb\n".equals(store.allText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !status.matching("WARN", "1 events could not be encoded").isEmpty());
        assertTrue(status.matching("WARN", "could not be encoded").get(0).contains("toString broke"));
        assertTrue(pipeline.stop(), "a claimed slot left unpublished would hold up stop");
        assertEquals(2, pipeline.stats().appendedEvents());
        assertEquals(3, pipeline.stats().offered());
        assertEquals(1, pipeline.stats().encodeFailures());
        assertFalse(pipeline.offer("after stop", failingOnBad, false));
        assertEquals(1, pipeline.stats().refusedAfterStop());
        assertEquals(4, pipeline.stats().offered());
        assertEquals(0, pipeline.bufferedBytes());
        for (Line line : failingOnBad.made) {
            assertNull(line.source);
        }
    }

    @Test
    void eventsRefusedForRoomAreCountedAndTheirSlotsSkipped() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("8 KB").maxBatchBytes("1 KB").discardThreshold(100));
        senderHoldsAFailingBatch(pipeline);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            if (pipeline.offer("event " + i, lines, true)) {
                accepted++;
            } else {
                refused++;
            }
        }
        assertTrue(refused > 0 && accepted > 0, accepted + " accepted, " + refused + " refused");
        assertEquals(refused, pipeline.stats().droppedBufferFull());
        assertEquals(501, pipeline.stats().offered());

        store.down(false);
        assertTrue(pipeline.stop());
        assertEquals(accepted + 1, pipeline.stats().appendedEvents());
        long eventLines = store.allText().lines().filter(line -> line.startsWith("event ") || line.equals("first")).count();
        assertEquals(accepted + 1, eventLines); // the object also says what was dropped, on a line of its own
        assertEquals(0, pipeline.bufferedBytes());
        assertEveryHolderIsEmpty();
    }

    @Test
    void withTheBlockPolicyAnEventWaitsForRoomOutsideTheRingWithoutHoldingUpTheEncoder() throws Exception {
        AppendPipeline pipeline = start(AppendPipelineTest.config().maxBufferBytes("1 KB").maxBatchBytes("1 KB")
                .overflowPolicy("BLOCK").maxBlockTime(Duration.ofMinutes(1)));
        senderHoldsAFailingBatch(pipeline);
        String big = "b".repeat(399);
        CompletableFuture<Integer> blockedAt = new CompletableFuture<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertTrue(pipeline.offer(big + i, lines, true));
                if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(100)) {
                    blockedAt.complete(i);
                }
            }
            blockedAt.complete(-1);
        });
        producer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
        store.down(false);
        int blocked = blockedAt.get(10, TimeUnit.SECONDS);
        producer.join(10_000);
        assertTrue(blocked >= 0, "the producer never waited");
        assertTrue(pipeline.stop());
        String[] landed = store.allText().split("\n");
        assertEquals(21, landed.length);
        for (int i = 0; i < 20; i++) {
            assertEquals(big + i, landed[i + 1], "line " + (i + 1));
        }
        assertEquals(0, pipeline.stats().droppedBufferFull());
        assertTrue(lines.made.size() > 1);
    }

    @Test
    void aHolderOfAnotherTypeInASlotIsLeftAloneAndANewOneMade() {
        AppendPipeline pipeline = start(AppendPipelineTest.config());
        EventEncoder<String> plain = event -> ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 3; i++) {
            assertTrue(pipeline.offer("plain " + i, plain, false, 7));
            assertTrue(pipeline.offer("copied " + i, lines, false));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> store.allText().split("\n").length == 6);
        assertEquals("plain 0\ncopied 0\nplain 1\ncopied 1\nplain 2\ncopied 2\n", store.allText());
        assertSame(Line.class, lines.made.get(0).getClass());
        assertEquals(3, lines.made.size());
    }

    @Test
    void withEncodeOnCallerThreadTheCopyIsEncodedRightAway() {
        AppendPipeline pipeline = start(AppendPipelineTest.config().encodeOnCallerThread(true));
        assertTrue(pipeline.offer("inline", lines, false));
        assertEquals(0, pipeline.stats().offered() - 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> "inline\n".equals(store.allText()));
    }
}
