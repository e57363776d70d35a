package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Open's walk through one segment file. {@link #walk} follows the frames from the header and sets
 * the segment's end, markers and backlog counts: with {@code verify} (the newest segment, where a
 * crash leaves its mark) each frame's CRC is checked, otherwise only the frames' structure (headers
 * and lengths, without reading payloads). It stops at the first bad frame ({@link #damagedAt}); the
 * segment's end follows the walk, so a read error leaves it after the last good frame.
 * {@link #countLost} then counts what lay beyond that point from the evidence left: further good
 * frames (found by scanning), and the last frame's own header when it is torn or damaged.
 */
final class SegmentCheck {
    private static final long MAX_PLAUSIBLE_COUNT = 1 << 24;

    private final FrameCursor cursor;
    /** Where the walk met a bad or torn frame; -1 when every byte belongs to a good frame. */
    long damagedAt;

    SegmentCheck(FrameCursor cursor) {
        this.cursor = cursor;
    }

    void walk(FileChannel ch, long size, Segment seg, boolean verify, long baseSeq) throws IOException {
        long pos = FrameFormat.SEGMENT_HEADER_BYTES;
        long expected = seg.firstSeq;
        damagedAt = -1;
        seg.fileBytes = size;
        cursor.reset();
        while (pos < size) {
            long frameEnd = verify ? verified(ch, pos, size, expected) : structural(ch, pos, size, expected, baseSeq);
            if (frameEnd < 0) {
                damagedAt = pos;
                break;
            }
            byte[] b = cursor.buffer();
            int at = cursor.at;
            int count = FrameFormat.getInt(b, at + 12);
            if (expected + count - 1 > baseSeq) {
                for (int i = 0; i < count; i++) {
                    int raw = FrameFormat.getInt(b, at + FrameFormat.FRAME_HEADER_BYTES + 4 * i);
                    if (expected + i > baseSeq) {
                        seg.backlogEntries++;
                        seg.backlogBytes += FrameFormat.entryLength(raw);
                        if (FrameFormat.isMarker(raw)) {
                            seg.addMarker(expected + i);
                        }
                    }
                }
            }
            expected += count;
            pos = frameEnd;
            seg.endOffset = pos;
            seg.endSeq = expected;
        }
    }

    /** A frame checked whole (CRC included); its end, or -1. */
    private long verified(FileChannel ch, long pos, long size, long expected) throws IOException {
        if (cursor.check(ch, pos, size, expected) != FrameCursor.GOOD) {
            return -1;
        }
        byte[] b = cursor.buffer();
        return pos + FrameFormat.frameBytes(FrameFormat.getInt(b, cursor.at + 12),
                FrameFormat.getInt(b, cursor.at) & 0xffff_ffffL);
    }

    /** A frame checked by its header (and its lengths, when it holds entries after {@code baseSeq}); its end, or -1. */
    private long structural(FileChannel ch, long pos, long size, long expected, long baseSeq) throws IOException {
        int at = cursor.load(ch, pos, FrameFormat.FRAME_HEADER_BYTES, pos + FrameFormat.FRAME_HEADER_BYTES);
        if (at < 0) {
            return -1;
        }
        byte[] b = cursor.buffer();
        long payload = FrameFormat.getInt(b, at) & 0xffff_ffffL;
        long count = FrameFormat.getInt(b, at + 12) & 0xffff_ffffL;
        long end = pos + FrameFormat.frameBytes((int) Math.min(count, Integer.MAX_VALUE), payload);
        if (count < 1 || count > MAX_PLAUSIBLE_COUNT || FrameFormat.getLong(b, at + 4) != expected || end > size) {
            return -1;
        }
        cursor.at = at;
        if (expected + count - 1 <= baseSeq) {
            return end;
        }
        int head = (int) (FrameFormat.FRAME_HEADER_BYTES + 4 * count);
        at = cursor.load(ch, pos, head, pos + head);
        if (at < 0) {
            return -1;
        }
        cursor.at = at;
        return lengthsSum(cursor.buffer(), at, count) == payload ? end : -1;
    }

    /**
     * Counts (through {@code loss}) the entries from sequence number {@code seq} on, in the bytes
     * from {@code pos} to {@code size}: good frames found past bad bytes, the gaps before them, and
     * the last damaged frame's count when its header tells it.
     */
    long countLost(FileChannel ch, long size, long pos, long seq, LossCounter loss) throws IOException {
        long lost = 0;
        long p = pos;
        long e = seq;
        cursor.reset();
        for (;;) {
            while (p < size && cursor.check(ch, p, size, e) == FrameCursor.GOOD) {
                byte[] b = cursor.buffer();
                int count = FrameFormat.getInt(b, cursor.at + 12);
                lost += loss.entries(e, e + count);
                for (int i = 0; i < count; i++) {
                    int raw = FrameFormat.getInt(b, cursor.at + FrameFormat.FRAME_HEADER_BYTES + 4 * i);
                    if (FrameFormat.isMarker(raw) && loss.counts(e + i)) {
                        lost--;
                    }
                }
                p += FrameFormat.frameBytes(count, FrameFormat.getInt(b, cursor.at) & 0xffff_ffffL);
                e += count;
            }
            if (p >= size) {
                return lost;
            }
            long next = nextGoodFrame(ch, p, size, e);
            if (next < 0) {
                return lost + loss.entries(e, e + lastFrameCount(ch, p, size, e));
            }
            long nextSeq = FrameFormat.getLong(cursor.buffer(), cursor.at + 4);
            lost += loss.entries(e, nextSeq);
            e = nextSeq;
            p = next;
        }
    }

    /** The first position after {@code bad} where a good frame with a later sequence number starts, or -1. */
    private long nextGoodFrame(FileChannel ch, long bad, long size, long seq) throws IOException {
        for (long q = bad + 1; q + FrameFormat.FRAME_HEADER_BYTES <= size; q++) {
            int at = cursor.load(ch, q, FrameFormat.FRAME_HEADER_BYTES, size);
            byte[] b = cursor.buffer();
            long first = FrameFormat.getLong(b, at + 4);
            if (first > seq && first - seq <= (q - bad) / 4 + 1 && FrameFormat.getInt(b, at + 12) != 0
                    && cursor.check(ch, q, size, first) == FrameCursor.GOOD) {
                return q;
            }
        }
        return -1;
    }

    /**
     * The entries of the damaged frame at {@code p}, the last one in the file: its count when the
     * frame's geometry confirms it (it ends exactly at the file's end, or its lengths agree with its
     * payload length) or it is a torn frame with the right sequence number; 0 when nothing tells.
     */
    private long lastFrameCount(FileChannel ch, long p, long size, long seq) throws IOException {
        if (size - p < FrameFormat.FRAME_HEADER_BYTES) {
            return 0;
        }
        int at = cursor.load(ch, p, FrameFormat.FRAME_HEADER_BYTES, size);
        byte[] b = cursor.buffer();
        long payload = FrameFormat.getInt(b, at) & 0xffff_ffffL;
        long first = FrameFormat.getLong(b, at + 4);
        long count = FrameFormat.getInt(b, at + 12) & 0xffff_ffffL;
        if (count >= 1 && p + FrameFormat.FRAME_HEADER_BYTES + 4 * count + payload == size) {
            return count;
        }
        if (first != seq) {
            return 0;
        }
        long rest = size - p - FrameFormat.FRAME_HEADER_BYTES - payload;
        if (rest > 0 && rest % 4 == 0 && lengthsSum(ch, p, rest / 4, size) == payload) {
            return rest / 4; // the count field is the damaged one
        }
        long payloadByGeometry = size - p - FrameFormat.FRAME_HEADER_BYTES - 4 * count;
        if (count >= 1 && payloadByGeometry >= 0 && lengthsSum(ch, p, count, size) == payloadByGeometry) {
            return count; // the payload length field is the damaged one
        }
        return count >= 1 && count <= MAX_PLAUSIBLE_COUNT ? count : 0; // torn
    }

    private long lengthsSum(FileChannel ch, long p, long count, long size) throws IOException {
        if (count > MAX_PLAUSIBLE_COUNT || p + FrameFormat.FRAME_HEADER_BYTES + 4 * count > size) {
            return -1;
        }
        int at = cursor.load(ch, p, (int) (FrameFormat.FRAME_HEADER_BYTES + 4 * count), size);
        return at < 0 ? -1 : lengthsSum(cursor.buffer(), at, count);
    }

    private static long lengthsSum(byte[] b, int at, long count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += FrameFormat.entryLength(FrameFormat.getInt(b, at + FrameFormat.FRAME_HEADER_BYTES + 4 * i));
        }
        return sum;
    }
}
