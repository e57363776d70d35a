package io.github.appendlog.config;

import java.util.Locale;

/** How each batch is stored: as the log text itself, or as one gzip member of it. */
public enum Compression {
    /** The log text as it is (default). */
    NONE,
    /**
     * Each batch is one complete gzip member, so the object is a valid multi-member gzip stream at
     * every append boundary ({@code gzip -dc}, {@code GZIPInputStream}).
     */
    GZIP;

    /** The gzip header (10 bytes) and trailer (CRC-32 and length, 8 bytes) around the deflate stream. */
    private static final long GZIP_FRAME_BYTES = 18;
    /**
     * Deflate's worst case, for incompressible text: stored blocks of at most 16383 bytes (zlib's
     * literal buffer at its default memory level) of 5 bytes' overhead each (header bits padded to a
     * byte, LEN, NLEN), and one more block's overhead for the final block.
     */
    private static final long STORED_BLOCK_BYTES = 16383;
    private static final long STORED_BLOCK_OVERHEAD = 5;

    /**
     * The most bytes {@code textBytes} of log text can take in the object: the text itself, or for
     * gzip the largest member it can become (incompressible text, any level).
     */
    public long maxStoredBytes(long textBytes) {
        if (this == NONE) {
            return textBytes;
        }
        long blocks = (textBytes + STORED_BLOCK_BYTES - 1) / STORED_BLOCK_BYTES + 1;
        return textBytes + blocks * STORED_BLOCK_OVERHEAD + GZIP_FRAME_BYTES;
    }

    /** The most text whose {@link #maxStoredBytes} is at most {@code storedBytes} (0 when none fits). */
    public long largestTextWithin(long storedBytes) {
        long low = 0;
        long high = Math.max(0, storedBytes);
        while (low < high) {
            long mid = (low + high + 1) >>> 1;
            if (maxStoredBytes(mid) <= storedBytes) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The name as users type it: {@code none} or {@code gzip}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
