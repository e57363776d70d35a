package io.github.appendlog.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipMemberTest {
    static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] member(GzipMember gzip) {
        return Arrays.copyOf(gzip.array(), gzip.length());
    }

    @Test
    void aMemberDecompressesToItsTextAndIsSmaller() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("2025-11-25 07:49:13.123 INFO  com.example.orders.OrderService - Order A-").append(i)
                    .append(" accepted\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        GzipMember gzip = new GzipMember(1);
        gzip.compress(bytes, 0, bytes.length);
        assertArrayEquals(bytes, gunzip(member(gzip)));
        assertTrue(gzip.length() * 5 < bytes.length, gzip.length() + " bytes for " + bytes.length);
        assertEquals(0x1f, gzip.array()[0] & 0xff);
        assertEquals(0x8b, gzip.array()[1] & 0xff);
        gzip.close();
    }

    @Test
    void membersOneAfterAnotherAreOneStreamOfAllTheText() throws IOException {
        GzipMember gzip = new GzipMember(6);
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (int m = 0; m < 5; m++) {
            byte[] text = ("line " + m + "\nnext " + m + "\n").getBytes(StandardCharsets.UTF_8);
            expected.append(new String(text, StandardCharsets.UTF_8));
            gzip.compress(text, 0, text.length);
            object.write(gzip.array(), 0, gzip.length());
        }
        assertEquals(expected.toString(), new String(gunzip(object.toByteArray()), StandardCharsets.UTF_8));
        gzip.close();
    }

    @Test
    void incompressibleInputGrowsTheBufferAndStaysWhole() throws IOException {
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        GzipMember gzip = new GzipMember(1);
        gzip.compress(noise, 100, noise.length - 100);
        assertArrayEquals(Arrays.copyOfRange(noise, 100, noise.length), gunzip(member(gzip)));
        assertTrue(gzip.length() < noise.length + 200, "a few bytes more than the input: " + gzip.length());
        gzip.close();
    }

    @Test
    void theSameInputGivesTheSameBytesAndAnEmptyInputAValidMember() throws IOException {
        GzipMember gzip = new GzipMember(1);
        byte[] text = "same\n".getBytes(StandardCharsets.UTF_8);
        gzip.compress(text, 0, text.length);
        byte[] first = member(gzip);
        gzip.compress(text, 0, text.length);
        assertArrayEquals(first, member(gzip));
        gzip.compress(new byte[0], 0, 0);
        assertEquals(0, gunzip(member(gzip)).length);
        gzip.close();
    }

    @Test
    void aLevelOutsideOneToNineIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GzipMember(0));
        assertTrue(e.getMessage().startsWith("compressionLevel: 0"), e.getMessage());
    }
    @Test
    void aMemberOfIncompressibleTextIsLargerThanItsTextAndWithinTheConfiguredBound() {
        Random random = new Random(13);
        for (int level : new int[] {1, 6, 9}) {
            GzipMember gzip = new GzipMember(level);
            for (int n : new int[] {0, 1, 100, 16383, 16384, 65536, 100_000, 1 << 20, (1 << 20) + 5}) {
                byte[] text = new byte[n];
                random.nextBytes(text);
                gzip.compress(text, 0, n);
                long bound = io.github.appendlog.config.Compression.GZIP.maxStoredBytes(n);
                assertTrue(gzip.length() > n && gzip.length() <= bound,
                        "level " + level + ", " + n + " bytes: member " + gzip.length() + ", bound " + bound);
            }
            gzip.close();
        }
    }
}
