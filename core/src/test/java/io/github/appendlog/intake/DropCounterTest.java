package io.github.appendlog.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DropCounterTest {
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
        DropCounter drops = new DropCounter(clock);
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
        DropCounter drops = new DropCounter(clock);
        assertNull(drops.takeReport());
        drops.droppedBufferFull();
        assertEquals("dropped 1 events (1 buffer full, 0 below WARN) (1 since start)", drops.takeReport());
        assertNull(drops.takeReport());
        drops.droppedBelowWarn();
        assertEquals("dropped 1 events (0 buffer full, 1 below WARN) (2 since start)", drops.takeReport());
        // The marker was never taken: it covers both drops.
        assertEquals("[appendlog] dropped 2 events (1 buffer full, 1 below WARN) between 2026-11-25T07:42:01Z and "
                + "2026-11-25T07:42:01Z\n", new String(drops.takeMarkerLine(), StandardCharsets.UTF_8));
    }
}
