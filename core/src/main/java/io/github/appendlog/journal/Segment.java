package io.github.appendlog.journal;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * One segment file as the journal knows it. The writer publishes {@link #endOffset} and
 * {@link #endSeq} after each complete frame; the reader reads only below {@code endOffset}, so a
 * partial frame is never readable. The fields without {@code volatile} are guarded by the
 * {@link SegmentList}'s lock.
 */
final class Segment {
    final Path path;
    final long firstSeq;
    /** Bytes of the header and the complete frames. */
    volatile long endOffset;
    /** The sequence number after the last complete frame. */
    volatile long endSeq;
    /** No frame will be added (the writer rolled on, or the file was found at open). */
    volatile boolean sealed;
    /** Deleted or moved aside: the reader moves on to the next segment. */
    volatile boolean removed;
    /** The reader found a bad frame while it was still being written: the rest is skipped. */
    volatile boolean abandoned;

    long fileBytes;
    /** Entries (and their bytes) counted in the journal's unread totals. */
    long backlogEntries;
    long backlogBytes;
    /** Of those, the ones in frames the reader has taken in. */
    long claimedEntries;
    long claimedBytes;
    /** The sequence number after the last frame the reader has taken in. */
    long claimedNext;
    private long[] markers = new long[0];
    private int markerCount;

    Segment(Path path, long firstSeq, long endOffset, long endSeq) {
        this.path = path;
        this.firstSeq = firstSeq;
        this.endOffset = endOffset;
        this.endSeq = endSeq;
        this.fileBytes = endOffset;
        this.claimedNext = firstSeq;
    }

    String name() {
        return path.getFileName().toString();
    }

    /** Notes that the entry {@code seq} is a marker line (markers are rare: one per drop report). */
    void addMarker(long seq) {
        if (markerCount == markers.length) {
            markers = Arrays.copyOf(markers, Math.max(4, markerCount * 2));
        }
        markers[markerCount++] = seq;
    }

    /** Events (entries that are not markers) among the sequence numbers {@code [from, to)} of this segment. */
    long eventsIn(long from, long to) {
        long lo = Math.max(from, firstSeq);
        long hi = Math.min(to, endSeq);
        if (hi <= lo) {
            return 0;
        }
        long events = hi - lo;
        for (int i = 0; i < markerCount; i++) {
            if (markers[i] >= lo && markers[i] < hi) {
                events--;
            }
        }
        return events;
    }

    @Override
    public String toString() {
        return name() + "[" + firstSeq + ".." + (endSeq - 1) + ", " + endOffset + " bytes]";
    }
}
