package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryObjectDataTest {

    @Test
    void appendsAcrossSegmentsAndReadsAnyRange() throws Exception {
        MemoryObjectData data = new MemoryObjectData();
        byte[] all = new byte[3_000_000];
        new Random(7).nextBytes(all);
        int at = 0;
        for (int n : new int[] {1, 4095, 1, 100_000, 0, 2_000_000, 895_903}) {
            data.append(all, at, n);
            at += n;
        }
        assertEquals(all.length, at);
        assertEquals(all.length, data.length());
        for (long[] range : new long[][] {{0, all.length}, {4095, 3}, {4096, 200_000}, {2_999_999, 1}, {10, 0}}) {
            try (InputStream in = data.open(range[0], range[1])) {
                assertArrayEquals(Arrays.copyOfRange(all, (int) range[0], (int) (range[0] + range[1])), in.readAllBytes());
            }
        }
    }

    @Test
    void aReaderSeesOnlyTheBytesBelowItsLength() throws Exception {
        MemoryObjectData data = new MemoryObjectData("abc".getBytes());
        InputStream in = data.open(0, 3);
        data.append("def".getBytes(), 0, 3);
        assertArrayEquals("abc".getBytes(), in.readAllBytes());
        assertArrayEquals("abcdef".getBytes(), data.open(0, 6).readAllBytes());
    }
}
