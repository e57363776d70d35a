package io.github.appendlog.journal;

import java.util.zip.CRC32C;

/**
 * The journal's on-disk layout; everything big-endian, fixed offsets.
 *
 * <pre>
 * segment file  seg-&lt;first seq, 20 digits&gt;.log
 *   header (28 bytes)  u32 magic 'APLJ' | u16 version 1 | u16 flags 0 | u64 first seq
 *                      | u64 created millis | u32 CRC32C of the 24 bytes before it
 *   frames, back to back, each:
 *     u32 payload length | u64 first seq | u32 entry count (at least 1)
 *     | u32 CRC32C of (the 16 bytes before it, the entry lengths, the payload)
 *     | u32 entry length x count (bit 31 set: a marker entry) | payload (the entries' bytes)
 * </pre>
 *
 * A frame's entries have the sequence numbers {@code firstSeq .. firstSeq+count-1}; they continue
 * without a gap from frame to frame and from segment to segment. A frame is well formed when its
 * entry lengths add up to its payload length and it ends within the bytes known to be written.
 */
final class FrameFormat {
    static final int MAGIC = 0x41504C4A; // "APLJ"
    static final short VERSION = 1;
    static final int SEGMENT_HEADER_BYTES = 28;
    static final int FRAME_HEADER_BYTES = 20;
    static final int MARKER_BIT = 0x8000_0000;
    static final String SEGMENT_PREFIX = "seg-";
    static final String SEGMENT_SUFFIX = ".log";
    private static final int SEQ_DIGITS = 20;

    private FrameFormat() {
    }

    static String segmentName(long firstSeq) {
        String digits = Long.toString(firstSeq);
        StringBuilder b = new StringBuilder(SEGMENT_PREFIX.length() + SEQ_DIGITS + SEGMENT_SUFFIX.length());
        b.append(SEGMENT_PREFIX);
        for (int i = digits.length(); i < SEQ_DIGITS; i++) {
            b.append('0');
        }
        return b.append(digits).append(SEGMENT_SUFFIX).toString();
    }

    /** The first seq a segment file's name states, or -1 when the name is not a segment's. */
    static long seqOfName(String name) {
        if (name.length() != SEGMENT_PREFIX.length() + SEQ_DIGITS + SEGMENT_SUFFIX.length()
                || !name.startsWith(SEGMENT_PREFIX) || !name.endsWith(SEGMENT_SUFFIX)) {
            return -1;
        }
        long seq = 0;
        for (int i = SEGMENT_PREFIX.length(); i < SEGMENT_PREFIX.length() + SEQ_DIGITS; i++) {
            int digit = name.charAt(i) - '0';
            if (digit < 0 || digit > 9 || seq > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            seq = seq * 10 + digit;
        }
        return seq;
    }

    static void writeSegmentHeader(byte[] b, long firstSeq, long createdMillis) {
        putInt(b, 0, MAGIC);
        b[4] = (byte) (VERSION >>> 8);
        b[5] = (byte) VERSION;
        b[6] = 0;
        b[7] = 0;
        putLong(b, 8, firstSeq);
        putLong(b, 16, createdMillis);
        putInt(b, 24, crc(b, 0, 24));
    }

    /** Whether {@code b} holds a valid segment header for a segment starting at {@code firstSeq}. */
    static boolean segmentHeaderValid(byte[] b, long firstSeq) {
        return getInt(b, 0) == MAGIC && ((b[4] & 0xff) << 8 | (b[5] & 0xff)) == VERSION
                && getInt(b, 24) == crc(b, 0, 24) && getLong(b, 8) == firstSeq;
    }

    /** Bytes of a frame with this header (header, lengths and payload). */
    static long frameBytes(int count, long payloadLength) {
        return FRAME_HEADER_BYTES + 4L * count + payloadLength;
    }

    static int entryLength(int raw) {
        return raw & ~MARKER_BIT;
    }

    static boolean isMarker(int raw) {
        return (raw & MARKER_BIT) != 0;
    }

    /** The CRC a frame's header must hold: over {@code head[at..at+16)}, the lengths and the payload. */
    static int frameCrc(CRC32C crc, byte[] head, int at, byte[] lengths, int lengthsAt, int lengthsBytes,
            byte[] payload, int payloadAt, int payloadBytes) {
        crc.reset();
        crc.update(head, at, 16);
        crc.update(lengths, lengthsAt, lengthsBytes);
        crc.update(payload, payloadAt, payloadBytes);
        return (int) crc.getValue();
    }

    static int crc(byte[] b, int at, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, at, len);
        return (int) crc.getValue();
    }

    static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    static long getLong(byte[] b, int at) {
        return (long) getInt(b, at) << 32 | (getInt(b, at + 4) & 0xffff_ffffL);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }
}
