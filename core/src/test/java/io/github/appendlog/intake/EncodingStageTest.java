package io.github.appendlog.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.pipeline.RecordingStatus;
import io.github.appendlog.status.EventLedger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stage whose encoder thread is never started, so that only logging threads drain it (when the
 * ring is full): a logging thread that encodes helps in order, and what its layout does (log, throw)
 * costs only that event.
 */
class EncodingStageTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final RecordingStatus status = new RecordingStatus();
    private final AtomicInteger encodeCalls = new AtomicInteger();
    /** Encodes a String as its UTF-8 bytes and a newline. */
    private final EventEncoder<String> lines = event -> {
        encodeCalls.incrementAndGet();
        return ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));
    };

    @Test
    void anEventLoggedByALoggingThreadWhileItEncodesAFullRingIsDroppedAndCounted() {
        // A stage whose encoder thread is not started: only logging threads drain it, when it is full.
        EventBuffer buffer = new EventBuffer(64L << 20, 100, 1L << 20);
        EventLedger drops = new EventLedger(Clock.systemUTC());
        Admission admission = new Admission(buffer, new EventTruncator(1024), drops, 0);
        EncodingStage stage = new EncodingStage(admission, () -> { }, new PipelineThreadFactory("encoder", "nested", status),
                TimeUnit.SECONDS.toNanos(1));
        List<Boolean> nestedOutcomes = new ArrayList<>();
        EventEncoder<String> logsWhileEncoding = event -> {
            if (event.equals("e0")) { // a layout that logs, on the thread that encodes
                nestedOutcomes.add(stage.offer("nested", lines, true, 6));
            }
            return lines.encode(event);
        };
        for (int i = 0; i < EncodingStage.CAPACITY; i++) {
            assertTrue(stage.offer("e" + i, logsWhileEncoding, true, 5));
        }
        assertTrue(stage.offer("after a turn at encoding", lines, true, 24));

        assertEquals(List.of(false), nestedOutcomes);
        assertEquals(1, drops.bufferFull());
        assertEquals(EncodingStage.HELP_EVENTS, encodeCalls.get(), "e0 .. e255 encoded by the logging thread");
        assertEquals(EncodingStage.CAPACITY + 1, stage.handedOver());
    }

    @Test
    void anErrorWhileALoggingThreadHelpsReleasesItsSlotAndLaterEventsFlow() {
        // A stage whose encoder thread is not started: only logging threads drain it, when it is full.
        EventBuffer buffer = new EventBuffer(64L << 20, 100, 1L << 20);
        EventLedger drops = new EventLedger(Clock.systemUTC());
        Admission admission = new Admission(buffer, new EventTruncator(1024), drops, 0);
        EncodingStage stage = new EncodingStage(admission, () -> { }, new PipelineThreadFactory("encoder", "helping", status),
                TimeUnit.SECONDS.toNanos(1));
        EventEncoder<String> failsOnFirst = event -> {
            if (event.equals("e0")) {
                throw new StackOverflowError();
            }
            return lines.encode(event);
        };
        assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 0; i < 3 * EncodingStage.CAPACITY; i++) {
                assertTrue(stage.offer("e" + i, failsOnFirst, true, 5));
            }
        });
        assertEquals(1, drops.encodeFailures());
        assertEquals(0, drops.bufferFull());
    }
}
