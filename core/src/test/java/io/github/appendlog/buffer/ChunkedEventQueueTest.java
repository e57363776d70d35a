package io.github.appendlog.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ChunkedEventQueueTest {

    private static byte[] take(ChunkedEventQueue queue) {
        int length = queue.nextLength();
        if (length < 0) {
            return null;
        }
        byte[] event = new byte[length];
        queue.copyNext(length, event, 0);
        queue.skipNext(length);
        return event;
    }

    private static byte[] event(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    @Test
    void keepsOrderAcrossChunksWithEmptyAndChunkSizedEvents() {
        ChunkedEventQueue queue = new ChunkedEventQueue();
        assertEquals(-1, queue.nextLength());
        List<byte[]> added = new ArrayList<>();
        int[] lengths = {0, 1, 3, 4, 5, 7, 8, 150, 1000, ChunkedEventQueue.CHUNK_BYTES - 4,
                ChunkedEventQueue.CHUNK_BYTES, 3 * ChunkedEventQueue.CHUNK_BYTES + 5, 0, 12};
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < lengths.length; i++) {
                byte[] e = event(lengths[i], round * 100 + i);
                queue.add(e);
                added.add(e);
            }
        }
        for (int i = 0; i < 2000; i++) { // many small ones: several chunk ends at every alignment
            byte[] e = event(i % 61, i);
            queue.add(e);
            added.add(e);
        }
        for (byte[] expected : added) {
            assertArrayEquals(expected, take(queue));
        }
        assertEquals(-1, queue.nextLength());
        queue.add(event(9, 1));
        assertArrayEquals(event(9, 1), take(queue));
    }

    @Test
    void reusesTheArraysOfChunksTheConsumerLeftUpToItsLimit() {
        ChunkedEventQueue queue = new ChunkedEventQueue(3);
        byte[] event = event(1000, 7);
        int perChunk = ChunkedEventQueue.CHUNK_BYTES / ChunkedEventQueue.recordBytes(event.length);
        for (int i = 0; i < perChunk * 6; i++) {
            queue.add(event);
        }
        for (int i = 0; i < perChunk * 6; i++) {
            assertArrayEquals(event, take(queue));
        }
        assertEquals(3, queue.pooledChunks(), "five chunks left, three kept");
        for (int i = 0; i < perChunk * 2; i++) { // the next chunks come from the pool, headers all zero
            queue.add(event(1000, i));
        }
        assertEquals(1, queue.pooledChunks());
        for (int i = 0; i < perChunk * 2; i++) {
            assertArrayEquals(event(1000, i), take(queue));
        }
        assertEquals(-1, queue.nextLength());
        assertEquals(0, new ChunkedEventQueue().pooledChunks());
    }

    @Test
    void anUnusedChunkEndIsCountedUntilTheReaderPassesItAndLargeRecordsGetTheirOwnChunk() {
        java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
        ChunkedEventQueue queue = new ChunkedEventQueue(0, held);
        queue.add(event(40_000, 1)); // fits in the first chunk
        assertEquals(0, held.get());
        queue.add(event(30_000, 2)); // does not: the rest of the first chunk stays unused
        long unused = ChunkedEventQueue.chunkFootprint(ChunkedEventQueue.CHUNK_BYTES - 40_000);
        assertEquals(unused, held.get());
        queue.add(event(30_000, 3)); // after a chunk of the second's own size: nothing unused
        assertEquals(unused, held.get());
        assertArrayEquals(event(40_000, 1), take(queue));
        assertEquals(0, queue.takePassedEnds());
        assertArrayEquals(event(30_000, 2), take(queue));
        assertEquals(unused, queue.takePassedEnds());
        assertArrayEquals(event(30_000, 3), take(queue));
        assertEquals(0, queue.takePassedEnds());
        assertEquals(ChunkedEventQueue.chunkFootprint(30_000), queue.heldBytes(), "the chunk being read, of its size");
    }

    @Test
    void concurrentProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
        ChunkedEventQueue queue = new ChunkedEventQueue(4); // chunks reused while producers race
        int producers = 4;
        int perProducer = 50_000;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perProducer; i++) {
                    String text = id + ":" + i + ":" + "x".repeat(i % 97);
                    queue.add(text.getBytes(StandardCharsets.US_ASCII));
                }
            }, r -> new Thread(r).start()));
        }
        int[] next = new int[producers];
        int seen = 0;
        while (seen < producers * perProducer) {
            byte[] e = take(queue);
            if (e == null) {
                Thread.onSpinWait();
                continue;
            }
            String[] parts = new String(e, StandardCharsets.US_ASCII).split(":", 3);
            int id = Integer.parseInt(parts[0]);
            int i = Integer.parseInt(parts[1]);
            assertEquals(next[id], i, "producer " + id);
            assertEquals("x".repeat(i % 97), parts[2]);
            next[id]++;
            seen++;
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get();
        assertEquals(-1, queue.nextLength());
    }
}
