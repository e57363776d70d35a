package io.github.appendlog.oss;

import io.github.appendlog.store.ObjectChecksum;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones): the checksum OSS returns in
 * {@code x-oss-hash-crc64ecma}. Values are unsigned 64-bit numbers held in a {@code long}; the CRC of
 * no bytes is 0, so a running CRC starts at 0. Table-driven (slicing by 16), ~1.5x the speed of eight bytes a step.
 */
public final class Crc64 {
    /** The ECMA-182 polynomial, bit-reflected. */
    private static final long POLY = 0xC96C5795D7870F42L;
    /** Table k: the CRC of a byte followed by k zero bytes. 16 tables: sixteen bytes a step. */
    private static final long[][] TABLES = makeTables(16);
    // One field per table, so the compiler sees each length (256) and drops the bounds checks.
    private static final long[] T0 = TABLES[0], T1 = TABLES[1], T2 = TABLES[2], T3 = TABLES[3], T4 = TABLES[4],
            T5 = TABLES[5], T6 = TABLES[6], T7 = TABLES[7], T8 = TABLES[8], T9 = TABLES[9], T10 = TABLES[10],
            T11 = TABLES[11], T12 = TABLES[12], T13 = TABLES[13], T14 = TABLES[14], T15 = TABLES[15];
    /** Reads eight bytes of a byte[] as one little-endian long. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** CRC-64 as the checksum OSS reports for whole objects. */
    public static final ObjectChecksum CHECKSUM = new ObjectChecksum() {
        @Override
        public long compute(byte[] data, int offset, int length) {
            return Crc64.compute(data, offset, length);
        }

        @Override
        public long combine(long checksumA, long checksumB, long lengthB) {
            return Crc64.combine(checksumA, checksumB, lengthB);
        }

        @Override
        public String name() {
            return "CRC-64";
        }
    };

    private Crc64() {
    }

    /** CRC of {@code b[off, off+len)}. */
    public static long compute(byte[] b, int off, int len) {
        return update(0, b, off, len);
    }

    /** CRC of all of {@code b}. */
    public static long compute(byte[] b) {
        return update(0, b, 0, b.length);
    }

    /** Continues a running CRC ({@code crc} of what came before) over {@code b[off, off+len)}. */
    public static long update(long crc, byte[] b, int off, int len) {
        long c = ~crc;
        int i = off;
        int end = off + len;
        while (end - i >= 16) {
            long x = c ^ (long) LONGS.get(b, i);
            long y = (long) LONGS.get(b, i + 8);
            c = T15[(int) (x & 0xFF)] ^ T14[(int) (x >>> 8 & 0xFF)] ^ T13[(int) (x >>> 16 & 0xFF)]
                    ^ T12[(int) (x >>> 24 & 0xFF)] ^ T11[(int) (x >>> 32 & 0xFF)] ^ T10[(int) (x >>> 40 & 0xFF)]
                    ^ T9[(int) (x >>> 48 & 0xFF)] ^ T8[(int) (x >>> 56)]
                    ^ T7[(int) (y & 0xFF)] ^ T6[(int) (y >>> 8 & 0xFF)] ^ T5[(int) (y >>> 16 & 0xFF)]
                    ^ T4[(int) (y >>> 24 & 0xFF)] ^ T3[(int) (y >>> 32 & 0xFF)] ^ T2[(int) (y >>> 40 & 0xFF)]
                    ^ T1[(int) (y >>> 48 & 0xFF)] ^ T0[(int) (y >>> 56)];
            i += 16;
        }
        while (i < end) {
            c = T0[(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
        }
        return ~c;
    }

    /**
     * The CRC of A followed by B, given {@code crc1} = CRC(A), {@code crc2} = CRC(B) and
     * {@code len2} = length of B, without reading either (GF(2) matrix method).
     */
    public static long combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] even = new long[64];
        long[] odd = new long[64];
        // odd: the operator that feeds one zero bit
        odd[0] = POLY;
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long c = crc1;
        long len = len2;
        do {
            square(even, odd); // first pass: one zero byte
            if ((len & 1) != 0) {
                c = times(even, c);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                c = times(odd, c);
            }
            len >>>= 1;
        } while (len != 0);
        return c ^ crc2;
    }

    private static long times(long[] mat, long vec) {
        long sum = 0;
        int i = 0;
        while (vec != 0) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
            vec >>>= 1;
            i++;
        }
        return sum;
    }

    private static void square(long[] square, long[] mat) {
        for (int n = 0; n < 64; n++) {
            square[n] = times(mat, mat[n]);
        }
    }

    private static long[][] makeTables(int count) {
        long[][] t = new long[count][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? POLY ^ (c >>> 1) : c >>> 1;
            }
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = t[0][n];
            for (int k = 1; k < count; k++) {
                c = t[0][(int) (c & 0xFF)] ^ (c >>> 8);
                t[k][n] = c;
            }
        }
        return t;
    }
}
