package io.github.appendlog.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.pipeline.RecordingStatus;
import io.github.appendlog.status.EventLedger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stage whose encoder thread is never started, so that its ring fills: a logging thread that
 * finds it full encodes its own event, queues the bytes in turn behind the ring, and waits for
 * nobody; what its layout throws costs only that event; the room such an event holds is bounded.
 */
class EncodingStageTest {
    private final RecordingStatus status = new RecordingStatus();
    private final AtomicInteger encodeCalls = new AtomicInteger();
    /** Encodes a String as its UTF-8 bytes and a newline, counting the calls and the threads. */
    private final List<String> encodedOn = new ArrayList<>();
    private final EventEncoder<String> lines = event -> {
        encodeCalls.incrementAndGet();
        encodedOn.add(Thread.currentThread().getName());
        return ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));
    };
    private final EventBuffer buffer = new EventBuffer(64L << 20, 100, 1L << 20);
    private final EventLedger ledger = new EventLedger(Clock.systemUTC());
    private final EncodingStage stage = new EncodingStage(new Admission(buffer, new EventTruncator(1024), ledger, 0),
            () -> { }, new PipelineThreadFactory("encoder", "never-started", status), TimeUnit.SECONDS.toNanos(1));

    /** Stops the stage (which encodes what it holds on this thread) and reads the buffer's events, in order. */
    private List<String> stopAndRead() {
        stage.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        List<String> events = new ArrayList<>();
        for (int length = buffer.nextLength(); length >= 0; length = buffer.nextLength()) {
            byte[] bytes = new byte[length];
            buffer.takeInto(length, bytes, 0);
            buffer.release(EventBuffer.roomOf(length));
            events.add(new String(bytes, 0, length - 1, StandardCharsets.UTF_8));
        }
        return events;
    }

    @Test
    void aLoggingThreadThatFindsTheRingFullEncodesItsOwnEventInTurnAndWaitsForNobody() {
        for (int i = 0; i < EncodingStage.CAPACITY; i++) {
            assertTrue(stage.offer("e" + i, lines, false, 5));
        }
        assertEquals(0, encodeCalls.get(), "handed over, not encoded");
        assertTrue(stage.isFull());
        int beyond = 3 * EncodingStage.CAPACITY; // no encoder runs: the ring stays full, nobody waits
        for (int i = 0; i < beyond; i++) {
            assertTrue(stage.offer("e" + (EncodingStage.CAPACITY + i), lines, false, 5));
        }
        assertEquals(beyond, encodeCalls.get(), "each encoded its own event, no other");
        assertEquals(List.of(Thread.currentThread().getName()), new ArrayList<>(new java.util.LinkedHashSet<>(encodedOn)));
        assertEquals(0, ledger.bufferFull());

        List<String> events = stopAndRead();
        assertEquals(EncodingStage.CAPACITY + beyond, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals("e" + i, events.get(i), "out of order at " + i);
        }
        assertEquals(0, buffer.usedBytes(), "every reservation corrected to what the events took");
    }

    @Test
    void anEventOfferedToBeEncodedHereGoesBehindEveryEventHandedOverBeforeIt() {
        assertTrue(stage.offer("handed 0", lines, false, 8));
        assertTrue(stage.offerHere("encoded here 1", lines, false));
        assertTrue(stage.offer("handed 2", lines, false, 8));
        assertEquals(1, encodeCalls.get());
        assertEquals(List.of("handed 0", "encoded here 1", "handed 2"), stopAndRead());
    }

    @Test
    void anEventWaitingBehindTheRingHoldsItsBytesAndItsOverheadInTheBuffer() {
        for (int i = 0; i < EncodingStage.CAPACITY; i++) {
            assertTrue(stage.offer("e", lines, false, 1));
        }
        long ringHeld = buffer.usedBytes();
        String event = "x".repeat(200);
        assertTrue(stage.offer(event, lines, false, 0)); // a hint far too low: corrected once encoded
        assertEquals(EventBuffer.roomOf(event.length() + 1) + EncodingStage.QUEUED_OVERHEAD_BYTES,
                buffer.usedBytes() - ringHeld);
        assertTrue(stage.offerHere(event, lines, false));
        assertEquals(2 * (EventBuffer.roomOf(event.length() + 1) + EncodingStage.QUEUED_OVERHEAD_BYTES),
                buffer.usedBytes() - ringHeld);
    }

    @Test
    void whatTheLayoutThrowsOnTheLoggingThreadDropsThatEventOnlyAndTheRestFlow() {
        EventEncoder<String> failsOnSome = event -> {
            if (event.endsWith("!")) {
                throw new StackOverflowError();
            }
            return lines.encode(event);
        };
        for (int i = 0; i < EncodingStage.CAPACITY; i++) {
            assertTrue(stage.offer("e" + i, failsOnSome, true, 5));
        }
        assertFalse(stage.offer("full!", failsOnSome, true, 5));
        assertFalse(stage.offerHere("here!", failsOnSome, true));
        assertTrue(stage.offer("after", failsOnSome, true, 5));
        assertEquals(2, ledger.encodeFailures());
        assertEquals(0, ledger.bufferFull());

        List<String> events = stopAndRead();
        assertEquals(EncodingStage.CAPACITY + 1, events.size());
        assertEquals("after", events.get(events.size() - 1));
        assertEquals(0, buffer.usedBytes(), "the failed events' room was given back");
    }

    @Test
    void afterStopEventsToBeEncodedHereAreRefusedAndCounted() {
        stage.stop(System.nanoTime());
        assertFalse(stage.offerHere("late", lines, false));
        assertEquals(1, ledger.snapshot().refusedAfterStop());
        assertEquals(0, buffer.usedBytes());
    }
}
