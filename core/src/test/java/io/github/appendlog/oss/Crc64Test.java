package io.github.appendlog.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void checkValueOf123456789() {
        assertEquals(0x995DC9BBDF1939FAL, Crc64.compute(ascii("123456789")));
        assertEquals("11051210869376104954", Long.toUnsignedString(Crc64.compute(ascii("123456789"))));
    }

    @Test
    void knownVectorsFromTheProtocolDocument() {
        assertEquals(0x27DB187FC15BBC72L, Crc64.compute(ascii("This is a test of the emergency broadcast system.")));
        assertEquals(0x3920E0F66B6EE0C8L, Crc64.compute(ascii("IHATEMATH")));
        assertEquals(Long.parseUnsignedLong("2313496259928504459"), Crc64.compute(ascii("hi oss,append object")));
        assertEquals(Long.parseUnsignedLong("15880966883091442063"), Crc64.compute(ascii("hi oss,")));
        assertEquals(Long.parseUnsignedLong("12741600132546358753"), Crc64.compute(ascii("append object")));
    }

    @Test
    void emptyInputIsZero() {
        assertEquals(0L, Crc64.compute(new byte[0]));
        assertEquals(12345L, Crc64.update(12345L, new byte[10], 3, 0));
    }

    @Test
    void combineJoinsTwoParts() {
        assertEquals(Long.parseUnsignedLong("2313496259928504459"), Crc64.combine(
                Long.parseUnsignedLong("15880966883091442063"), Long.parseUnsignedLong("12741600132546358753"), 13));
        assertEquals(42L, Crc64.combine(42L, 0L, 0));
    }

    @Test
    void updateContinuesARunningCrcAndAgreesWithCombine() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(3000)];
            random.nextBytes(data);
            int split = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            long whole = Crc64.compute(data);
            long first = Crc64.compute(data, 0, split);
            long second = Crc64.compute(data, split, data.length - split);
            assertEquals(whole, Crc64.update(first, data, split, data.length - split), "update at " + split);
            assertEquals(whole, Crc64.combine(first, second, data.length - split), "combine at " + split);
        }
    }

    @Test
    void slicedPathAgreesWithBytewiseReference() {
        Random random = new Random(11);
        byte[] data = new byte[1027];
        random.nextBytes(data);
        long reference = 0xFFFFFFFFFFFFFFFFL;
        for (byte b : data) {
            reference ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                reference = (reference & 1) != 0 ? 0xC96C5795D7870F42L ^ (reference >>> 1) : reference >>> 1;
            }
        }
        assertEquals(~reference, Crc64.compute(data));
    }

    @Test
    void everyOffsetAndLengthAroundTheSixteenByteStepAgreesWithTheBytewiseReference() {
        Random random = new Random(13);
        byte[] data = new byte[200];
        random.nextBytes(data);
        for (int off = 0; off <= 17; off++) {
            for (int len = 0; len <= 150; len++) {
                long reference = ~7L;
                for (int i = off; i < off + len; i++) {
                    reference ^= data[i] & 0xFF;
                    for (int k = 0; k < 8; k++) {
                        reference = (reference & 1) != 0 ? 0xC96C5795D7870F42L ^ (reference >>> 1) : reference >>> 1;
                    }
                }
                assertEquals(~reference, Crc64.update(7L, data, off, len), "off " + off + ", len " + len);
            }
        }
    }
}
