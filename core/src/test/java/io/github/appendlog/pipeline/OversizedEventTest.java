package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An event larger than the free room or than {@code maxBufferBytes} is reserved at no more than a
 * {@code maxEventBytes} event takes, and lands truncated with the marker, whichever way it is handed
 * over; its reservation never takes the buffer past {@code maxBufferBytes} nor pushes other events
 * over {@code discardThreshold}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OversizedEventTest {
    private static final int HUGE = 20 << 20;
    private static final String MARKER = "...[appendlog: truncated ";

    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final List<AppendPipeline> started = new ArrayList<>();
    private final EventEncoder<String> lines = event -> ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));

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

    /** 4 MB buffer, 1 MB events; a long timer so that what is buffered stays there. */
    private static AppendlogConfig.Builder config() {
        return AppendPipelineTest.config().maxBufferBytes("4 MB").maxBatchBytes("1 MB").maxEventBytes("1 MB")
                .flushInterval(Duration.ofMinutes(10)).discardThreshold(80);
    }

    private static void assertOneTruncatedEvent(String text) {
        int at = text.indexOf("x".repeat(1000));
        assertTrue(at >= 0, "the huge event is in the object");
        String huge = text.substring(at, text.indexOf('\n', at) + 1);
        assertTrue(huge.contains(MARKER), "ends with the marker");
        assertTrue(huge.getBytes(StandardCharsets.UTF_8).length <= (1 << 20), huge.length() + " chars");
    }

    @Test
    void anEncodedEventLargerThanTheBufferArrivesTruncatedNotDropped() {
        AppendPipeline pipeline = start(config());
        assertTrue(pipeline.offer("small\n".getBytes(StandardCharsets.UTF_8), true));
        byte[] huge = ("x".repeat(HUGE) + "\n").getBytes(StandardCharsets.UTF_8);
        assertTrue(pipeline.offer(huge, false), "accepted, truncated");
        assertTrue(pipeline.bufferedBytes() <= (4 << 20), pipeline.bufferedBytes() + " buffered");
        assertTrue(pipeline.stop());
        assertEquals(0, pipeline.stats().droppedBufferFull());
        assertEquals(1, pipeline.stats().truncated());
        assertOneTruncatedEvent(store.allText());
    }

    @Test
    void anUnencodedEventWithAHugeSizeHintArrivesTruncatedNotDropped() {
        AppendPipeline pipeline = start(config());
        assertTrue(pipeline.offer("small", lines, true, 5));
        assertTrue(pipeline.offer("x".repeat(HUGE), lines, false, HUGE), "accepted, reserved as a maxEventBytes event");
        assertTrue(pipeline.bufferedBytes() <= (4 << 20), pipeline.bufferedBytes() + " buffered");
        assertTrue(pipeline.stop());
        assertEquals(0, pipeline.stats().droppedBufferFull());
        assertEquals(1, pipeline.stats().truncated());
        assertOneTruncatedEvent(store.allText());
    }

    @Test
    void aCopiedEventWithAHugeSizeHintArrivesTruncatedNotDropped() {
        AppendPipeline pipeline = start(config());
        EventCopierTest.Lines copier = new EventCopierTest.Lines();
        assertTrue(pipeline.offer("small", copier, true));
        assertTrue(pipeline.offer("x".repeat(HUGE), copier, false), "accepted, reserved as a maxEventBytes event");
        assertTrue(pipeline.bufferedBytes() <= (4 << 20), pipeline.bufferedBytes() + " buffered");
        assertTrue(pipeline.stop());
        assertEquals(0, pipeline.stats().droppedBufferFull());
        assertOneTruncatedEvent(store.allText());
    }

    @Test
    void aHugeReservationInAnEmptyBufferNeitherPassesTheBoundNorPushesOthersOverTheThreshold() throws Exception {
        CountDownLatch encoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EventEncoder<String> slowForHuge = event -> {
            if (event.length() > 1000) {
                encoding.countDown();
                try {
                    release.await(); // holds the huge event's reservation while the test looks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return lines.encode(event);
        };
        AppendPipeline pipeline = start(config());
        assertEquals(0, pipeline.bufferedBytes());
        try {
            assertTrue(pipeline.offer("x".repeat(HUGE), slowForHuge, true, HUGE));
            assertTrue(encoding.await(10, TimeUnit.SECONDS));
            long buffered = pipeline.bufferedBytes();
            assertTrue(buffered <= (4 << 20), buffered + " buffered, more than maxBufferBytes");
            assertTrue(buffered < (4 << 20) * 80 / 100, buffered + " buffered, above discardThreshold");
            assertTrue(pipeline.offer("not important", slowForHuge, false, 13), "not pushed over discardThreshold");
        } finally {
            release.countDown();
        }
        assertTrue(pipeline.stop());
        assertEquals(0, pipeline.stats().droppedBelowWarn());
        assertOneTruncatedEvent(store.allText());
        assertTrue(store.allText().endsWith("not important\n"));
    }
}
