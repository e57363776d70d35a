package io.github.appendlog.buffer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer.Outcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class EventBufferTest {
    /** The room of an event: its record (rounded up to 16 bytes) and a 4-byte header per 16 bytes. */
    private static long room(int length) {
        return EventBuffer.roomOf(length);
    }

    @Test
    void keepsOrderAndCountsBytesWithOverhead() throws Exception {
        EventBuffer buffer = new EventBuffer(1000, 100, 500);
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[] {1}, false, 0));
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[] {2, 2}, false, 0));
        assertEquals(20 + 20, buffer.usedBytes()); // 16 bytes of record and 4 of header each
        assertEquals(160 + 40, room(150));
        assertEquals(40 * 1024 + 10 * 1024, room(40 * 1024));
        assertArrayEquals(new byte[] {1}, buffer.peek());
        assertArrayEquals(new byte[] {1}, buffer.poll());
        assertArrayEquals(new byte[] {2, 2}, buffer.poll());
        assertNull(buffer.poll());
        assertEquals(0, buffer.usedBytes());
        assertTrue(buffer.isEmpty());
    }

    @Test
    void refusesWhenFullAndAcceptsAgainOnceDrained() throws Exception {
        EventBuffer buffer = new EventBuffer(2 * room(100), 100, 10_000);
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[100], true, 0));
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[100], true, 0));
        assertEquals(Outcome.FULL, buffer.offer(new byte[1], true, 0));
        buffer.poll();
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[100], true, 0));
    }

    @Test
    void evenAnEmptyBufferNeverTakesUsagePastItsBound() throws Exception {
        EventBuffer buffer = new EventBuffer(1000, 100, 100);
        assertEquals(Outcome.FULL, buffer.offer(new byte[2000], true, 0));
        assertEquals(Outcome.FULL, buffer.reserve(2000, true, 0));
        assertEquals(0, buffer.usedBytes());
        assertEquals(Outcome.FULL, buffer.reserve(1001, true, 0));
        assertEquals(Outcome.ACCEPTED, buffer.reserve(1000, true, 0)); // exactly full
        assertEquals(1000, buffer.usedBytes());
    }

    /**
     * What the queue's chunks hold (live and kept for reuse, data and headers) never passes
     * {@code maxBytes} by more than a chunk being read, a chunk being filled and one chunk's end,
     * whatever the mix of sizes: records, their headers, rounding and unused chunk ends all count.
     */
    @Test
    void usedBytesCountEverythingTheChunksHoldForAnyMixOfSizes() throws Exception {
        long max = 4L << 20;
        long slack = 3 * ChunkedEventQueue.chunkFootprint(ChunkedEventQueue.CHUNK_BYTES) + EventBuffer.roomOf(70_000);
        int[][] mixes = {{150}, {40 * 1024}, {20_000, 150}, {0, 1, 150, 4000, 16_000, 20_000, 40_000, 70_000}};
        java.util.Random random = new java.util.Random(7);
        EventBuffer buffer = new EventBuffer(max, 100, max);
        for (int round = 0; round < 12; round++) {
            int[] sizes = mixes[round % mixes.length];
            while (buffer.offer(new byte[sizes[random.nextInt(sizes.length)]], true, 0) == Outcome.ACCEPTED) {
                assertTrue(buffer.heldBytes() <= max + slack, "round " + round + ": chunks hold " + buffer.heldBytes());
            }
            int take = round % 2 == 0 ? Integer.MAX_VALUE : random.nextInt(200); // all, or some
            for (int i = 0; i < take && buffer.poll() != null; i++) {
                assertTrue(buffer.heldBytes() <= max + slack, "round " + round + ": chunks hold " + buffer.heldBytes());
            }
            assertTrue(buffer.heldBytes() <= max + slack, "round " + round + ": chunks hold " + buffer.heldBytes());
        }
        while (buffer.poll() != null) {
            // drain
        }
        assertEquals(0, buffer.usedBytes());
    }

    /**
     * Unused chunk ends are added by the producers that leave them and given back once passed, all of
     * them; the chunks in use never hold much more than the bound (each racing producer may leave one
     * chunk end beyond it).
     */
    @Test
    void concurrentProducersOfMixedSizesLeaveTheCountAtZeroOnceAllIsTaken() throws Exception {
        EventBuffer buffer = new EventBuffer(2L << 20, 100, 2L << 20);
        int[] sizes = {0, 150, 5000, 17_000, 40 * 1024, 70_000};
        int producers = 3;
        int perProducer = 3000;
        java.util.List<CompletableFuture<Void>> running = new java.util.ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perProducer; i++) {
                    byte[] event = new byte[sizes[(id + i) % sizes.length]];
                    while (true) {
                        try {
                            if (buffer.offer(event, true, TimeUnit.SECONDS.toNanos(10)) == Outcome.ACCEPTED) {
                                break;
                            }
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }, r -> new Thread(r).start()));
        }
        int taken = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (taken < producers * perProducer && System.nanoTime() < deadline) {
            if (buffer.poll() != null) {
                taken++;
            } else {
                Thread.onSpinWait();
            }
            long live = buffer.liveBytes();
            assertTrue(live <= (2L << 20) + 600_000, "chunks in use hold " + live + ", " + buffer.usedBytes() + " used");
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
        assertEquals(producers * perProducer, taken);
        assertTrue(buffer.isEmpty());
        assertEquals(0, buffer.usedBytes());
    }

    @Test
    void likelyOutcomeNamesOnlyDropsThatAnyOfferWouldGetNow() throws Exception {
        EventBuffer buffer = new EventBuffer(1000, 50, 10_000);
        assertEquals(Outcome.ACCEPTED, buffer.likelyOutcome(false, false));
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[480], false, 0));
        assertEquals(Outcome.BELOW_THRESHOLD, buffer.likelyOutcome(false, false));
        assertEquals(Outcome.BELOW_THRESHOLD, buffer.likelyOutcome(false, true));
        assertEquals(Outcome.ACCEPTED, buffer.likelyOutcome(true, false));
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[320], true, 0)); // exactly full
        assertEquals(Outcome.FULL, buffer.likelyOutcome(true, false));
        assertEquals(Outcome.FULL, buffer.offer(new byte[0], true, 0));
        assertEquals(Outcome.ACCEPTED, buffer.likelyOutcome(true, true)); // a waiting offer may get room
        buffer.close();
        assertEquals(Outcome.ACCEPTED, buffer.likelyOutcome(false, false)); // offer reports CLOSED
    }

    @Test
    void aboveTheDiscardThresholdOnlyImportantEventsGetIn() throws Exception {
        EventBuffer buffer = new EventBuffer(1000, 50, 10_000);
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[480], false, 0)); // room 600 > 500
        assertEquals(Outcome.BELOW_THRESHOLD, buffer.offer(new byte[1], false, 0));
        assertEquals(Outcome.ACCEPTED, buffer.offer(new byte[1], true, 0));
    }

    @Test
    void wakesTheConsumerWhenTheBatchThresholdIsCrossedNotPerEvent() throws Exception {
        EventBuffer buffer = new EventBuffer(100_000, 100, 10 * room(10));
        AtomicInteger wakeUps = new AtomicInteger();
        Thread consumer = new Thread(() -> {
            while (buffer.usedBytes() < 10 * room(10)) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(30));
                wakeUps.incrementAndGet();
            }
        });
        buffer.consumer(consumer);
        consumer.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.getState() == Thread.State.TIMED_WAITING);
        for (int i = 0; i < 9; i++) {
            buffer.offer(new byte[10], true, 0);
        }
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> wakeUps.get() == 0);
        buffer.offer(new byte[10], true, 0);
        consumer.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(consumer.isAlive());
        assertEquals(1, wakeUps.get());
    }

    @Test
    void blockingOfferWaitsForRoomAndGetsInWhenTheConsumerFreesIt() throws Exception {
        EventBuffer buffer = new EventBuffer(room(100), 100, 10_000);
        buffer.offer(new byte[100], true, 0);
        CompletableFuture<Outcome> blocked = CompletableFuture.supplyAsync(() -> offer(buffer, TimeUnit.SECONDS.toNanos(30)));
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> !blocked.isDone());
        buffer.poll();
        assertEquals(Outcome.ACCEPTED, blocked.get(5, TimeUnit.SECONDS));
    }

    @Test
    void blockingOfferGivesUpAfterItsWaitTime() throws Exception {
        EventBuffer buffer = new EventBuffer(room(100), 100, 10_000);
        buffer.offer(new byte[100], true, 0);
        long start = System.nanoTime();
        assertEquals(Outcome.FULL, buffer.offer(new byte[10], true, TimeUnit.MILLISECONDS.toNanos(200)));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200), "waited " + waited);
        assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "waited " + waited);
    }

    @Test
    void closeRefusesNewEventsAndReleasesBlockedProducers() throws Exception {
        EventBuffer buffer = new EventBuffer(room(100), 100, 10_000);
        buffer.offer(new byte[100], true, 0);
        CompletableFuture<Outcome> blocked = CompletableFuture.supplyAsync(() -> offer(buffer, TimeUnit.SECONDS.toNanos(30)));
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(2)).until(() -> !blocked.isDone());
        buffer.close();
        assertEquals(Outcome.CLOSED, blocked.get(5, TimeUnit.SECONDS));
        assertEquals(Outcome.CLOSED, buffer.offer(new byte[1], true, 0));
        long[] left = buffer.drainRemaining();
        assertEquals(1, left[0]);
        assertEquals(100, left[1]);
        assertFalse(buffer.batchReady());
    }

    private static Outcome offer(EventBuffer buffer, long waitNanos) {
        try {
            return buffer.offer(new byte[10], true, waitNanos);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDiscardThresholdOf100NeverDropsAnEventAsBelowWarnEvenWhenTheCountIsPastTheBound() throws Exception {
        // The count may pass maxBytes for a while (an event encoded larger than its reservation, a
        // chunk's unused end): with discardThreshold 100 an event below WARN is then refused as
        // FULL (so BLOCK waits for room), never dropped as below the threshold.
        EventBuffer buffer = new EventBuffer(4096, 100, 4096);
        assertEquals(Outcome.ACCEPTED, buffer.reserve(4000, true, 0));
        buffer.correctReserved(500);
        assertTrue(buffer.usedBytes() > 4096);
        assertEquals(Outcome.ACCEPTED, buffer.likelyOutcome(false, true));
        assertEquals(Outcome.FULL, buffer.likelyOutcome(false, false));
        assertEquals(Outcome.FULL, buffer.offer(new byte[10], false, TimeUnit.MILLISECONDS.toNanos(20)));
        assertEquals(Outcome.FULL, buffer.reserve(100, false, 0));
    }
}
