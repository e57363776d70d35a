package io.github.appendlog.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatchTest {

    @Test
    void appendsWholeEventsAndCountsThem() {
        Batch batch = new Batch(1024);
        assertTrue(batch.isEmpty());
        batch.add(new byte[] {1, 2});
        batch.addUncounted(new byte[] {9});
        batch.add(new byte[] {3});
        assertEquals(4, batch.length());
        assertEquals(2, batch.events());
        assertArrayEquals(new byte[] {1, 2, 9, 3}, Arrays.copyOf(batch.array(), batch.length()));
    }

    @Test
    void refusesAnEventThatDoesNotFit() {
        Batch batch = new Batch(10);
        batch.add(new byte[8]);
        assertFalse(batch.fits(3));
        assertTrue(batch.fits(2));
        assertThrows(IllegalStateException.class, () -> batch.add(new byte[3]));
    }

    @Test
    void growsUpToItsMaximumAndReusesItsArrayAfterClear() {
        Batch batch = new Batch(200_000);
        batch.add(new byte[150_000]);
        byte[] array = batch.array();
        assertEquals(200_000, array.length);
        batch.clear();
        assertTrue(batch.isEmpty());
        assertEquals(0, batch.events());
        batch.add(new byte[199_000]);
        assertSame(array, batch.array());
    }
}
