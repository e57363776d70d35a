package io.github.appendlog.emulator;

import java.io.InputStream;
import java.util.Arrays;

/**
 * Object bytes held in memory as a list of segments. A segment is never moved or rewritten once
 * bytes are in it, so an append copies only its own bytes (no array doubling over the whole
 * object) and readers can stream a snapshot without holding a lock.
 */
final class MemoryObjectData implements ObjectData {
    private static final int MIN_SEGMENT_BYTES = 4 * 1024;
    private static final int MAX_SEGMENT_BYTES = 8 * 1024 * 1024;

    private byte[][] segments = new byte[0][];
    private int segmentCount;
    private int tailUsed;
    private long length;

    MemoryObjectData() {
    }

    MemoryObjectData(byte[] content) {
        if (content.length > 0) {
            segments = new byte[][] {content};
            segmentCount = 1;
            tailUsed = content.length;
            length = content.length;
        }
    }

    @Override
    public synchronized long length() {
        return length;
    }

    @Override
    public synchronized void append(byte[] bytes, int offset, int count) {
        int remaining = count;
        int from = offset;
        while (remaining > 0) {
            if (segmentCount == 0 || tailUsed == segments[segmentCount - 1].length) {
                addSegment(remaining);
            }
            byte[] tail = segments[segmentCount - 1];
            int n = Math.min(remaining, tail.length - tailUsed);
            System.arraycopy(bytes, from, tail, tailUsed, n);
            tailUsed += n;
            from += n;
            remaining -= n;
        }
        length += count;
    }

    private void addSegment(int wanted) {
        long grown = Math.max(MIN_SEGMENT_BYTES, Math.min(length, MAX_SEGMENT_BYTES));
        int size = (int) Math.max(grown, Math.min(wanted, MAX_SEGMENT_BYTES));
        if (segmentCount == segments.length) {
            segments = Arrays.copyOf(segments, Math.max(4, segmentCount * 2));
        }
        segments[segmentCount++] = new byte[size];
        tailUsed = 0;
    }

    @Override
    public InputStream open(long from, long count) {
        byte[][] view;
        synchronized (this) {
            view = Arrays.copyOf(segments, segmentCount);
        }
        return new SegmentsInputStream(view, from, count);
    }

    /** Streams a byte range out of a snapshot of segments. */
    private static final class SegmentsInputStream extends InputStream {
        private final byte[][] segments;
        private int segment;
        private int offsetInSegment;
        private long remaining;

        SegmentsInputStream(byte[][] segments, long from, long count) {
            this.segments = segments;
            this.remaining = count;
            long skip = from;
            while (segment < segments.length && skip >= segments[segment].length) {
                skip -= segments[segment].length;
                segment++;
            }
            offsetInSegment = (int) skip;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (offsetInSegment >= segments[segment].length) {
                segment++;
                offsetInSegment = 0;
            }
            int n = (int) Math.min(Math.min(len, remaining), segments[segment].length - offsetInSegment);
            System.arraycopy(segments[segment], offsetInSegment, b, off, n);
            offsetInSegment += n;
            remaining -= n;
            return n;
        }
    }
}
