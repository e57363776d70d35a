package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A reusable read buffer over one segment file with positional reads: {@link #load} brings a range
 * of the file into {@link #buffer()}, reading ahead at most the buffer's size (about one frame), and
 * {@link #check} tells whether a well-formed frame with the right checksum starts at a position. The
 * buffer grows only for a frame bigger than it and shrinks back afterwards, so a backlog of any size
 * is read with a bounded heap.
 */
final class FrameCursor {
    /** Outcome of {@link #check}. */
    static final int GOOD = 0;
    static final int BAD = 1;
    static final int SHORT = 2;

    private final int usualBytes;
    private final CRC32C crc = new CRC32C();
    private byte[] buf;
    private ByteBuffer wrapped;
    private long bufStart;
    private int bufLen;
    /** Where the frame {@link #check} found GOOD starts in {@link #buffer()}. */
    int at;

    FrameCursor(int usualBytes) {
        this.usualBytes = usualBytes;
        this.buf = new byte[usualBytes];
        this.wrapped = ByteBuffer.wrap(buf);
    }

    byte[] buffer() {
        return buf;
    }

    /** Forgets what was read (another file, or the file changed). */
    void reset() {
        bufStart = 0;
        bufLen = 0;
    }

    /**
     * Makes the bytes {@code [pos, pos+n)} of {@code ch} available in {@link #buffer()}, reading
     * ahead up to {@code limit}; returns the index of {@code pos} in the buffer, or -1 when the file
     * ends (or {@code limit} comes) before {@code pos+n}.
     */
    int load(FileChannel ch, long pos, int n, long limit) throws IOException {
        if (pos >= bufStart && pos + n <= bufStart + bufLen) {
            return (int) (pos - bufStart);
        }
        if (pos + n > limit) {
            return -1;
        }
        int keep = pos >= bufStart && pos < bufStart + bufLen ? (int) (bufStart + bufLen - pos) : 0;
        int from = keep > 0 ? (int) (pos - bufStart) : 0;
        if (n > buf.length || (buf.length > 4 * usualBytes && n <= usualBytes)) {
            byte[] fresh = new byte[Math.max(n, usualBytes)];
            keep = Math.min(keep, fresh.length);
            System.arraycopy(buf, from, fresh, 0, keep);
            buf = fresh;
            wrapped = ByteBuffer.wrap(buf);
        } else if (keep > 0 && from > 0) {
            System.arraycopy(buf, from, buf, 0, keep);
        }
        bufStart = pos;
        bufLen = keep;
        int want = (int) Math.min(buf.length, limit - pos);
        while (bufLen < n) {
            wrapped.limit(want).position(bufLen);
            int r = ch.read(wrapped, bufStart + bufLen);
            if (r < 0) {
                return -1;
            }
            bufLen += r;
        }
        return 0;
    }

    /**
     * Checks the frame at {@code pos} (before {@code limit}) that should start with {@code expectedSeq}
     * ({@code -1}: any sequence number); when GOOD, the frame is in {@link #buffer()} at {@link #at}.
     * SHORT: the file or limit ends inside it.
     */
    int check(FileChannel ch, long pos, long limit, long expectedSeq) throws IOException {
        int at = load(ch, pos, FrameFormat.FRAME_HEADER_BYTES, limit);
        if (at < 0) {
            return SHORT;
        }
        long payloadLength = FrameFormat.getInt(buf, at) & 0xffff_ffffL;
        long firstSeq = FrameFormat.getLong(buf, at + 4);
        long count = FrameFormat.getInt(buf, at + 12) & 0xffff_ffffL;
        if (count < 1 || (expectedSeq >= 0 && firstSeq != expectedSeq) || firstSeq < 0) {
            return BAD;
        }
        long total = FrameFormat.FRAME_HEADER_BYTES + 4 * count + payloadLength;
        if (total > Integer.MAX_VALUE - 64) {
            return BAD;
        }
        if (pos + total > limit) {
            return SHORT;
        }
        at = load(ch, pos, (int) total, limit);
        if (at < 0) {
            return SHORT;
        }
        this.at = at;
        int lengthsAt = at + FrameFormat.FRAME_HEADER_BYTES;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += FrameFormat.entryLength(FrameFormat.getInt(buf, lengthsAt + 4 * i));
        }
        if (sum != payloadLength) {
            return BAD;
        }
        int lengthsBytes = (int) (4 * count);
        int stored = FrameFormat.getInt(buf, at + 16);
        int actual = FrameFormat.frameCrc(crc, buf, at, buf, lengthsAt, lengthsBytes, buf, lengthsAt + lengthsBytes,
                (int) payloadLength);
        return stored == actual ? GOOD : BAD;
    }
}
