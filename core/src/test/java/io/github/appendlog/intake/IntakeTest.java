package io.github.appendlog.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.pipeline.EventEncoder;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.pipeline.RecordingStatus;
import io.github.appendlog.status.EventLedger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The intake's public entry: both ways of making it, what each offer admits and counts, its lifecycle. */
@Timeout(30)
class IntakeTest {
    private final EventBuffer buffer = new EventBuffer(1L << 20, 100, 64L << 10);
    private final EventLedger ledger = new EventLedger(Clock.systemUTC());
    private final EventEncoder<String> lines =
            event -> ByteBuffer.wrap((event + "\n").getBytes(StandardCharsets.UTF_8));

    @Test
    void onTheCallersThreadItAdmitsEncodedEventsAndItsLifecycleDoesNothing() {
        Intake intake = Intake.onCallerThread(buffer, ledger, 1024, 0);
        assertTrue(intake.encodesOnCallerThread());
        assertNull(intake.encoderThread());
        intake.start();

        assertTrue(intake.offer("xa\n".getBytes(StandardCharsets.UTF_8), 1, 2, false));
        assertEquals(EventBuffer.roomOf(2), buffer.usedBytes());
        assertTrue(intake.offer(new byte[5000], 0, 5000, false));
        assertTrue(buffer.usedBytes() <= EventBuffer.roomOf(2) + EventBuffer.roomOf(1024), "truncated to maxEventBytes");

        intake.drain();
        intake.stop(System.nanoTime());
        assertEquals(0, intake.abandonRemaining());
        assertEquals(0, intake.handedOver());
        assertEquals(2, ledger.snapshot().offered());
        assertEquals(1, ledger.snapshot().truncated());
    }

    @Test
    void withAnEncoderThreadHandedOverEventsAreEncodedIntoTheBufferAndCountedAsOffered() {
        Intake intake = Intake.withEncoderThread(buffer, ledger, 1024, 0,
                new PipelineThreadFactory("encoder", "intake-test", new RecordingStatus()), () -> { },
                TimeUnit.MILLISECONDS.toNanos(10));
        assertFalse(intake.encodesOnCallerThread());
        assertEquals("appendlog-encoder-intake-test", intake.encoderThread().getName());
        intake.start();

        assertTrue(intake.offer("a", lines, false, 1));
        assertTrue(intake.offer("b", lines, true, 1));
        assertTrue(intake.offer("c", lines, false, 1));
        intake.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));

        assertEquals(0, intake.abandonRemaining());
        assertEquals(3, intake.handedOver());
        assertEquals(3, ledger.snapshot().offered());
        assertEquals(3 * EventBuffer.roomOf(2), buffer.usedBytes(), "each reservation corrected to its event");
        assertFalse(intake.offer("after stop", lines, true, 10));
        assertEquals(1, ledger.snapshot().refusedAfterStop());
    }

    @Test
    void dropBeforeEncodingCountsWhatAnOfferWouldDrop() {
        EventBuffer nearlyFull = new EventBuffer(EventBuffer.roomOf(100), 50, 64L << 10);
        Intake intake = Intake.onCallerThread(nearlyFull, ledger, 1024, 0);
        assertFalse(intake.dropBeforeEncoding(false));
        assertTrue(intake.offer(new byte[100], 0, 100, true));

        assertTrue(intake.dropBeforeEncoding(false), "not important above the discard threshold");
        assertTrue(intake.dropBeforeEncoding(true), "full, and the policy does not wait");
        assertEquals(1, ledger.snapshot().droppedBelowWarn());
        assertEquals(1, ledger.snapshot().droppedBufferFull());
        assertEquals(3, ledger.snapshot().offered());
    }
}
