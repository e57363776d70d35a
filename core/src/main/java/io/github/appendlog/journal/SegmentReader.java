package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;

/**
 * The reader's side (one thread: the sender). Hands out written entries in sequence order, one
 * frame at a time from the segment files, each frame's structure and CRC checked before any of its
 * entries is handed out. It reads only below a segment's published end. Entries up to the start
 * point (what landed) are passed over. A bad frame never stops it: the rest of that segment is
 * skipped, its events counted lost through the listener, and a sealed file moved aside.
 */
final class SegmentReader {
    private final JournalOptions options;
    private final SegmentList segments;
    private final JournalListener listener;
    private final FrameCursor cursor;
    /** Entries above it count in the unread totals (what was not known to have landed at open). */
    private final long baseSeq;
    private long startAfter;
    private long lastTaken;
    private Segment seg;
    private FileChannel ch;
    private long pos;
    private long expected;
    private byte[] buf;
    private long frameFirst;
    private int count;
    private int idx;
    private int lengthsAt;
    private int entryAt;
    private int nextLen = -1;
    private boolean nextMarker;
    private long takenEntries;
    private long takenBytes;

    SegmentReader(JournalOptions options, SegmentList segments, JournalListener listener, long landedSeq) {
        this.options = options;
        this.segments = segments;
        this.listener = listener;
        this.cursor = new FrameCursor(Math.max(64 << 10, Math.min(options.maxFrameBytes(), 1 << 20) + 4096));
        this.baseSeq = landedSeq;
        this.startAfter = landedSeq;
        this.lastTaken = landedSeq;
    }

    int nextLength() throws IOException {
        for (;;) {
            if (idx < count) {
                int raw = FrameFormat.getInt(buf, lengthsAt + 4 * idx);
                long seq = frameFirst + idx;
                if (seq <= startAfter) {
                    pass(seq, FrameFormat.entryLength(raw));
                    continue;
                }
                nextLen = FrameFormat.entryLength(raw);
                nextMarker = FrameFormat.isMarker(raw);
                return nextLen;
            }
            nextLen = -1;
            if (!loadFrame()) {
                return -1;
            }
        }
    }

    boolean nextIsMarker() {
        return nextLen >= 0 && nextMarker;
    }

    void takeNext(byte[] dest, int at) {
        if (nextLen < 0) {
            throw new IllegalStateException("takeNext needs an entry that nextLength returned");
        }
        System.arraycopy(buf, entryAt, dest, at, nextLen);
        long seq = frameFirst + idx;
        pass(seq, nextLen);
        lastTaken = seq;
        nextLen = -1;
    }

    long lastTakenSeq() {
        return lastTaken;
    }

    /** Entries up to {@code seq} landed: they are passed over, not read. */
    void skipThrough(long seq) {
        startAfter = Math.max(startAfter, seq);
        lastTaken = Math.max(lastTaken, seq);
        segments.startAfter(seq);
    }

    void close() {
        closeChannel();
    }

    private void pass(long seq, int length) {
        entryAt += length;
        idx++;
        if (seq > baseSeq) {
            takenEntries++;
            takenBytes += length;
            segments.taken(takenEntries, takenBytes);
        }
    }

    private boolean loadFrame() throws IOException {
        for (;;) {
            if (seg == null || seg.removed || seg.abandoned) {
                if (!moveOn()) {
                    return false;
                }
                continue;
            }
            long end = seg.endOffset;
            if (pos >= end) {
                if (!seg.sealed) {
                    return false;
                }
                if (pos >= seg.endOffset && !moveOn()) {
                    return false;
                }
                continue;
            }
            int outcome;
            try {
                if (ch == null) {
                    ch = options.channels().open(seg.path, StandardOpenOption.READ);
                }
                outcome = cursor.check(ch, pos, end, expected);
            } catch (NoSuchFileException e) {
                if (!seg.removed) {
                    skipRest(true);
                }
                continue;
            } catch (IOException e) {
                closeChannel();
                throw e;
            }
            if (outcome != FrameCursor.GOOD) {
                skipRest(false);
                continue;
            }
            if (takeIn()) {
                return true;
            }
        }
    }

    /** Takes in the frame the cursor checked; false when its segment was removed meanwhile. */
    private boolean takeIn() {
        byte[] b = cursor.buffer();
        int at = cursor.at;
        long payload = FrameFormat.getInt(b, at) & 0xffff_ffffL;
        int n = FrameFormat.getInt(b, at + 12);
        long entries = n;
        long bytes = payload;
        if (expected <= baseSeq) {
            entries = 0;
            bytes = 0;
            for (int i = 0; i < n; i++) {
                if (expected + i > baseSeq) {
                    entries++;
                    bytes += FrameFormat.entryLength(FrameFormat.getInt(b, at + FrameFormat.FRAME_HEADER_BYTES + 4 * i));
                }
            }
        }
        if (!segments.claim(seg, expected + n, entries, bytes)) {
            cursor.reset();
            return false;
        }
        buf = b;
        frameFirst = expected;
        count = n;
        idx = 0;
        lengthsAt = at + FrameFormat.FRAME_HEADER_BYTES;
        entryAt = lengthsAt + 4 * n;
        pos += FrameFormat.frameBytes(n, payload);
        expected += n;
        return true;
    }

    private boolean moveOn() {
        Segment next = segments.after(seg);
        if (next == null) {
            return false;
        }
        closeChannel();
        seg = next;
        pos = FrameFormat.SEGMENT_HEADER_BYTES;
        expected = next.firstSeq;
        cursor.reset();
        return true;
    }

    /** A bad frame at {@link #pos}, or the file gone: the rest of the segment is skipped and counted lost. */
    private void skipRest(boolean missing) {
        Segment bad = seg;
        long lost = segments.skipRest(bad, expected);
        closeChannel();
        String reason = "journal segment " + bad.name();
        if (missing) {
            reason += " disappeared from the journal directory; its entries from " + expected + " on are skipped";
        } else if (bad.removed) {
            reason += " has a bad frame at offset " + pos + "; the rest of that segment was skipped and the file "
                    + JournalDirectory.moveAside(options.directory(), bad.path);
        } else {
            reason += " has a bad frame at offset " + pos + " (it was being written); the rest of it is skipped";
        }
        if (lost > 0) {
            listener.lost(lost, reason);
        }
    }

    private void closeChannel() {
        SegmentWriter.closeQuietly(ch);
        ch = null;
        cursor.reset();
    }
}
