package io.github.appendlog.delivery;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses bytes into one complete gzip member (RFC 1952: a 10-byte header, the deflate stream,
 * CRC-32 and length), into an array it reuses and grows, so that members written one after another
 * form a valid multi-member gzip stream. The same input always gives the same bytes. One thread
 * only; {@link #close} frees the native deflater.
 */
final class GzipMember {
    /** Magic, method deflate, no flags, no modification time; XFL 0, OS 255 (unknown). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER_BYTES = 8;
    private static final int INITIAL_BYTES = 16 * 1024;

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;

    /** @param level 1 (fastest) to 9 (smallest) */
    GzipMember(int level) {
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compressionLevel: " + level + " is not between 1 and 9");
        }
        this.deflater = new Deflater(level, true);
    }

    /** Makes {@code data[offset, offset + len)} the member held by {@link #array()}. */
    void compress(byte[] data, int offset, int len) {
        deflater.reset();
        deflater.setInput(data, offset, len);
        deflater.finish();
        crc.reset();
        crc.update(data, offset, len);
        ensureCapacity(HEADER.length + len + len / 1000 + 64);
        System.arraycopy(HEADER, 0, bytes, 0, HEADER.length);
        length = HEADER.length;
        while (!deflater.finished()) {
            if (bytes.length - length < TRAILER_BYTES + 64) {
                ensureCapacity(bytes.length * 2);
            }
            length += deflater.deflate(bytes, length, bytes.length - length - TRAILER_BYTES);
        }
        writeIntLe((int) crc.getValue());
        writeIntLe(len); // ISIZE: the input's length modulo 2^32
    }

    private void writeIntLe(int value) {
        for (int i = 0; i < 4; i++) {
            bytes[length++] = (byte) (value >>> (8 * i));
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            byte[] grown = new byte[Math.max(needed, bytes.length * 2)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }

    /** The backing array; bytes {@code [0, length())} are the member. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Frees the deflater's native memory; the member may not be used afterwards. */
    void close() {
        deflater.end();
    }
}
