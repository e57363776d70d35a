package io.github.appendlog.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.testing.Producers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffRingTest {

    /** Claims and publishes in one go, as a producer does; FULL or SEALED when it cannot claim. */
    private static long offer(HandoffRing ring, Object event, Object encoder, long reservedRoom, int sizeHint) {
        long position = ring.claim();
        if (position >= 0) {
            ring.publish(position, event, encoder, reservedRoom, sizeHint);
        }
        return position;
    }

    @Test
    void handsEventsOverInOrderWithTheirEncoderAndRoomAcrossManyLaps() {
        HandoffRing ring = new HandoffRing(4);
        Object encoder = new Object();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, offer(ring, "e" + i, encoder, 100 + i, i));
            assertTrue(ring.poll());
            assertEquals("e" + i, ring.event());
            assertSame(encoder, ring.encoder());
            assertEquals(100 + i, ring.reserved());
            assertEquals(i, ring.sizeHint());
            ring.release();
        }
        assertFalse(ring.poll());
        assertEquals(0, ring.size());
    }

    @Test
    void refusesWhenFullUntilTheConsumerTakesOne() {
        HandoffRing ring = new HandoffRing(4);
        for (int i = 0; i < 4; i++) {
            assertEquals(i, offer(ring, i, null, 0, 0));
        }
        assertEquals(HandoffRing.FULL, offer(ring, 4, null, 0, 0));
        assertEquals(4, ring.size());
        assertTrue(ring.poll());
        assertEquals(0, ring.event());
        assertEquals(HandoffRing.FULL, offer(ring, 4, null, 0, 0), "a polled slot is not free before its release");
        ring.release();
        assertEquals(4, offer(ring, 4, null, 0, 0));
        for (int expected = 1; expected <= 4; expected++) {
            assertTrue(ring.poll());
            assertEquals(expected, ring.event());
            ring.release();
        }
        assertFalse(ring.poll());
    }

    @Test
    void aSealedRingRefusesNewEventsAndStillGivesUpTheOnesItHolds() {
        HandoffRing ring = new HandoffRing(8);
        offer(ring, "kept", null, 0, 0);
        assertFalse(ring.isSealed());
        ring.seal();
        ring.seal(); // idempotent
        assertTrue(ring.isSealed());
        assertEquals(HandoffRing.SEALED, offer(ring, "late", null, 0, 0));
        assertFalse(ring.sealedAndEmpty());
        assertTrue(ring.poll());
        assertEquals("kept", ring.event());
        ring.release();
        assertFalse(ring.poll());
        assertTrue(ring.sealedAndEmpty());
    }

    @Test
    void forgetsReleasedEventsSoTheyCanBeCollected() {
        HandoffRing ring = new HandoffRing(2);
        offer(ring, "event", "encoder", 1, 0);
        assertTrue(ring.poll());
        ring.release();
        assertNull(ring.event());
        assertNull(ring.encoder());
        assertNull(ring.slot(2), "the slot of position 0 is the one position 2 claims next");
    }

    @Test
    void aSlotKeepsItsHolderWhenToldSoAndTheNextProducerOfThatSlotFindsIt() {
        HandoffRing ring = new HandoffRing(2);
        StringBuilder holder = new StringBuilder("first");
        long position = ring.claim();
        assertEquals(0, position);
        assertNull(ring.slot(position));
        ring.publish(position, holder, "encoder", 10, 5);
        assertTrue(ring.poll());
        assertSame(holder, ring.event());
        ring.release(true);
        assertEquals(1, offer(ring, "other", "encoder", 0, 0));
        long lapped = ring.claim();
        assertEquals(2, lapped);
        assertSame(holder, ring.slot(lapped));
        ring.publish(lapped, holder, null, 0, 0); // given up: published with no encoder
        assertTrue(ring.poll());
        assertEquals("other", ring.event());
        ring.release();
        assertTrue(ring.poll());
        assertSame(holder, ring.event());
        assertNull(ring.encoder());
        ring.release(true);
        assertFalse(ring.poll());
    }

    @Test
    void aClaimedSlotHoldsUpTheConsumerUntilItIsPublished() {
        HandoffRing ring = new HandoffRing(4);
        long first = ring.claim();
        assertEquals(1, offer(ring, "second", "encoder", 0, 0));
        assertFalse(ring.poll(), "position 0 is claimed, not published");
        ring.publish(first, "first", "encoder", 0, 0);
        assertTrue(ring.poll());
        assertEquals("first", ring.event());
        ring.release();
        assertTrue(ring.poll());
        assertEquals("second", ring.event());
        ring.release();
    }

    @Test
    void pollAndReleaseGoInPairs() {
        HandoffRing ring = new HandoffRing(4);
        assertThrows(IllegalStateException.class, ring::release);
        offer(ring, "a", "encoder", 0, 0);
        offer(ring, "b", "encoder", 0, 0);
        assertTrue(ring.poll());
        assertThrows(IllegalStateException.class, ring::poll);
        ring.release();
        assertTrue(ring.poll());
        assertEquals("b", ring.event());
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new HandoffRing(6));
        assertThrows(IllegalArgumentException.class, () -> new HandoffRing(1));
        assertEquals(16, new HandoffRing(16).capacity());
    }

    @Test
    void concurrentProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
        HandoffRing ring = new HandoffRing(64);
        int producers = 4;
        int perProducer = 50_000;
        Producers running = Producers.start(producers, id -> {
            for (int i = 0; i < perProducer; i++) {
                while (offer(ring, new int[] {id, i}, null, i, 0) == HandoffRing.FULL) {
                    Thread.onSpinWait();
                }
            }
        });
        int[] next = new int[producers];
        long taken = 0;
        while (taken < (long) producers * perProducer) {
            if (ring.poll()) {
                int[] e = (int[]) ring.event();
                assertEquals(next[e[0]], e[1], "producer " + e[0] + " out of order");
                assertEquals(e[1], ring.reserved());
                ring.release();
                next[e[0]]++;
                taken++;
            } else {
                Thread.onSpinWait();
            }
        }
        running.await();
        assertFalse(ring.poll());
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p]);
        }
    }

    @Test
    void countsPendingEventsFromPositionsWithoutPollingTheConsumerIsStuckOn() {
        HandoffRing ring = new HandoffRing(8);
        Object encoder = new Object();
        for (int i = 0; i < 3; i++) {
            offer(ring, "e" + i, encoder, 10, 1);
        }
        assertTrue(ring.poll()); // e0: polled, then the consumer "hangs" in its encoder
        ring.release();
        assertEquals(1, ring.released());
        assertTrue(ring.poll()); // e1, never released
        long claimedNotPublished = ring.claim();
        offer(ring, "skip", null, 0, 0); // a slot to skip: not an event
        offer(ring, "e4", encoder, 10, 1);
        assertEquals(3, ring.pendingEvents(), "e1 (being encoded), e2 and e4");
        ring.publish(claimedNotPublished, "e3", encoder, 10, 1);
        assertEquals(4, ring.pendingEvents());
        assertEquals(1, ring.released());
    }

    @Test
    void positionsWithoutASlotAreTakenInTurnThoughPublishedOutOfOrderAndTheRingLapsOn() {
        HandoffRing ring = new HandoffRing(4);
        Object encoder = new Object();
        for (int i = 0; i < 4; i++) {
            assertEquals(i, offer(ring, "e" + i, encoder, 10, 1));
        }
        assertTrue(ring.isFull());
        assertEquals(HandoffRing.FULL, ring.claim());
        long p4 = ring.claimWithoutSlot();
        long p5 = ring.claimWithoutSlot();
        long p6 = ring.claimWithoutSlot();
        assertEquals(List.of(4L, 5L, 6L), List.of(p4, p5, p6));
        ring.publishBeyond(p6, "e6", encoder, 16, -1); // the later one first
        ring.publishBeyond(p4, "e4", encoder, 14, -1);
        assertEquals(6, ring.pendingEvents(), "e0 .. e4 and e6 published, e5 not yet");

        List<String> taken = new ArrayList<>();
        while (ring.poll()) {
            taken.add((String) ring.event());
            ring.release();
        }
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), taken, "e6 waits for e5");
        ring.publishBeyond(p5, "e5", encoder, 15, -1);
        assertTrue(ring.poll());
        assertEquals("e5", ring.event());
        assertEquals(15, ring.reserved());
        ring.release();
        assertTrue(ring.poll());
        assertEquals("e6", ring.event());
        ring.release();
        assertFalse(ring.poll());
        assertEquals(0, ring.pendingEvents());

        for (int lap = 7; lap < 30; lap++) { // the slots the positions without one passed over are free again
            assertFalse(ring.isFull());
            assertEquals(lap, offer(ring, "e" + lap, encoder, 10, 1));
            assertTrue(ring.poll());
            assertEquals("e" + lap, ring.event());
            ring.release();
        }
    }

    @Test
    void aSealedRingGivesNoPositionWithoutASlotEither() {
        HandoffRing ring = new HandoffRing(4);
        long p0 = ring.claimWithoutSlot();
        ring.seal();
        assertEquals(HandoffRing.SEALED, ring.claimWithoutSlot());
        assertFalse(ring.sealedAndEmpty());
        ring.publishBeyond(p0, "e0", new Object(), 1, -1);
        assertTrue(ring.poll());
        ring.release();
        assertTrue(ring.sealedAndEmpty());
    }
}
