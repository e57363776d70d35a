package io.github.appendlog.checksum;

/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones): the checksum OSS returns in
 * {@code x-oss-hash-crc64ecma}. Values are unsigned 64-bit numbers held in a {@code long}; the CRC of
 * no bytes is 0, so a running CRC starts at 0. Table-driven, eight bytes a step.
 */
public final class Crc64 {
    /** The ECMA-182 polynomial, bit-reflected. */
    private static final long POLY = 0xC96C5795D7870F42L;
    private static final long[][] TABLES = makeTables();

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
        long[][] t = TABLES;
        long[] t0 = t[0];
        long c = ~crc;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            c ^= (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                    | (b[i + 7] & 0xFFL) << 56;
            c = t[7][(int) (c & 0xFF)] ^ t[6][(int) (c >>> 8 & 0xFF)] ^ t[5][(int) (c >>> 16 & 0xFF)]
                    ^ t[4][(int) (c >>> 24 & 0xFF)] ^ t[3][(int) (c >>> 32 & 0xFF)] ^ t[2][(int) (c >>> 40 & 0xFF)]
                    ^ t[1][(int) (c >>> 48 & 0xFF)] ^ t0[(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = t0[(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
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

    private static long[][] makeTables() {
        long[][] t = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? POLY ^ (c >>> 1) : c >>> 1;
            }
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = t[0][n];
            for (int k = 1; k < 8; k++) {
                c = t[0][(int) (c & 0xFF)] ^ (c >>> 8);
                t[k][n] = c;
            }
        }
        return t;
    }
}
