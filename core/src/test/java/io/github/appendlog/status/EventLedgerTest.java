package io.github.appendlog.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLedgerTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T07:42:01.300Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void markerLineCountsDropsSinceTheLastMarkerWithTheirTimeSpan() {
        EventLedger drops = new EventLedger(clock);
        assertNull(drops.takeMarkerLine());
        drops.droppedBufferFull();
        drops.droppedBufferFull();
        now.set(Instant.parse("2026-11-25T07:42:09.900Z"));
        drops.droppedBelowWarn();
        assertEquals("[appendlog] dropped 3 events (2 buffer full, 1 below WARN) between 2026-11-25T07:42:01Z and "
                + "2026-11-25T07:42:09Z\n", new String(drops.takeMarkerLine(), StandardCharsets.UTF_8));
        assertNull(drops.takeMarkerLine());

        now.set(Instant.parse("2026-11-25T08:00:00Z"));
        drops.droppedBelowWarn();
        assertEquals("[appendlog] dropped 1 events (0 buffer full, 1 below WARN) between 2026-11-25T08:00:00Z and "
                + "2026-11-25T08:00:00Z\n", new String(drops.takeMarkerLine(), StandardCharsets.UTF_8));
        assertEquals(2, drops.bufferFull());
        assertEquals(2, drops.belowWarn());
    }

    @Test
    void reportsAndMarkersKeepTheirOwnProgress() {
        EventLedger drops = new EventLedger(clock);
        assertNull(drops.takeDropReport());
        drops.droppedBufferFull();
        assertEquals("dropped 1 events (1 buffer full, 0 below WARN) (1 since start)", drops.takeDropReport());
        assertNull(drops.takeDropReport());
        drops.droppedBelowWarn();
        assertEquals("dropped 1 events (0 buffer full, 1 below WARN) (2 since start)", drops.takeDropReport());
        // The marker was never taken: it covers both drops.
        assertEquals("[appendlog] dropped 2 events (1 buffer full, 1 below WARN) between 2026-11-25T07:42:01Z and "
                + "2026-11-25T07:42:01Z\n", new String(drops.takeMarkerLine(), StandardCharsets.UTF_8));
    }

    @Test
    void aSnapshotHoldsEveryFateCountedAndTheHandOffPositions() {
        EventLedger ledger = new EventLedger(clock);
        long[] positions = {5};
        ledger.countHandedOverBy(() -> positions[0]);
        ledger.offered();
        ledger.offered();
        ledger.droppedBufferFull();
        ledger.droppedBelowWarn();
        ledger.refusedAfterStop();
        ledger.truncated();
        ledger.encodeFailed(new StackOverflowError());
        ledger.appended(4, 400);
        ledger.appended(2, 100);
        ledger.appendFailed();
        ledger.unsent(3, 30);
        ledger.unsent(-1, -10); // a batch counted unsent that landed after all

        PipelineStats stats = ledger.snapshot();
        assertEquals(7, stats.offered()); // 2 offered + 5 handed over by position
        assertEquals(6, stats.appendedEvents());
        assertEquals(2, stats.batchesSent());
        assertEquals(500, stats.bytesSent());
        assertEquals(1, stats.failedAppends());
        assertEquals(1, stats.droppedBufferFull());
        assertEquals(1, stats.droppedBelowWarn());
        assertEquals(1, stats.refusedAfterStop());
        assertEquals(1, stats.truncated());
        assertEquals(1, stats.encodeFailures());
        assertEquals(2, stats.unflushedAtStop());
        assertEquals(20, ledger.unsentBytes());
        assertTrue(ledger.lastEncodeFailure() instanceof StackOverflowError);
        positions[0] = 9;
        assertEquals(11, ledger.snapshot().offered());
    }
}
