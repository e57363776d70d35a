package io.github.appendlog.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatcherTest {

    @Test
    void takesEventsInOrderUntilTheNextDoesNotFitWithoutSplittingIt() throws Exception {
        EventBuffer buffer = new EventBuffer(10_000, 100, 10_000);
        for (int i = 1; i <= 5; i++) {
            byte[] event = new byte[4];
            Arrays.fill(event, (byte) i);
            buffer.offer(event, true, 0);
        }
        Batcher batcher = new Batcher(buffer);
        Batch batch = new Batch(10);
        assertTrue(batcher.fill(batch));
        assertEquals(2, batch.events());
        assertArrayEquals(new byte[] {1, 1, 1, 1, 2, 2, 2, 2}, Arrays.copyOf(batch.array(), batch.length()));
        batch.clear();
        assertTrue(batcher.fill(batch));
        assertArrayEquals(new byte[] {3, 3, 3, 3, 4, 4, 4, 4}, Arrays.copyOf(batch.array(), batch.length()));
        batch.clear();
        assertFalse(batcher.fill(batch));
        assertEquals(1, batch.events());
        assertEquals(5, batch.array()[0]);
        assertTrue(buffer.isEmpty());
        assertEquals(0, buffer.usedBytes());
    }

    @Test
    void freesTheRoomOfTakenEventsInStepsAndKeepsTheRoomOfTheEventLeftBehind() throws Exception {
        int size = 1000;
        int count = (int) (3 * Batcher.RELEASE_STEP_BYTES / size);
        EventBuffer buffer = new EventBuffer(10_000_000, 100, 10_000_000);
        for (int i = 0; i < count; i++) {
            buffer.offer(new byte[size], true, 0);
        }
        Batch batch = new Batch(size * (count - 1));
        assertTrue(new Batcher(buffer).fill(batch));
        assertEquals(count - 1, batch.events());
        assertEquals(EventBuffer.roomOf(size), buffer.usedBytes());
        assertFalse(buffer.isEmpty());
    }

    @Test
    void theSenderIsAskedForABatchOnlyOnceTheBufferedEventsFillOne() throws Exception {
        // The buffer counts an event's memory (rounding and headers), more than its bytes: a batch
        // asked for when that count reaches maxBatchBytes would leave a quarter of it empty.
        int batchBytes = 64 * 1024;
        EventBuffer buffer = new EventBuffer(4L << 20, 100, batchBytes);
        Batcher batcher = new Batcher(buffer);
        Batch batch = new Batch(batchBytes);
        byte[] line = new byte[150];
        for (int round = 0; round < 3; round++) {
            while (!buffer.batchReady()) {
                buffer.offer(line, true, 0);
            }
            batcher.fill(batch);
            if (round > 0) { // the first batch teaches the buffer what events take beyond their bytes
                assertTrue(batch.length() >= 0.9 * batchBytes, "round " + round + ": " + batch.length() + " bytes");
            }
            batch.clear();
            while (buffer.nextLength() >= 0) {
                batcher.fill(batch);
                batch.clear();
            }
        }
    }
}
