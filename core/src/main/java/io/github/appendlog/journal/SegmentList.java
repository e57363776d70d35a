package io.github.appendlog.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segments in sequence order, shared by the writer (adds, publishes, deletes the oldest), the
 * reader (moves from segment to segment, takes frames in) and the records (delete what landed).
 * One lock (this object's monitor) guards the list and each segment's counts; it is held for a few
 * field updates only, never during a read, a write or a force.
 *
 * <p>Unread totals: the writer adds each frame's entries, the reader subtracts each entry it
 * passes, and a segment removed before the reader took all of it subtracts the rest, so the totals
 * return to zero once everything is read or gone.
 */
final class SegmentList {
    private final List<Segment> segments = new ArrayList<>();
    private long segmentBytes;
    private final AtomicLong addedEntries = new AtomicLong();
    private final AtomicLong addedBytes = new AtomicLong();
    private final AtomicLong discardedEntries = new AtomicLong();
    private final AtomicLong discardedBytes = new AtomicLong();
    private final AtomicLong takenEntries = new AtomicLong();
    private final AtomicLong takenBytes = new AtomicLong();
    /** Entries up to here are known to have landed: never counted lost, never read. */
    private volatile long startAfter;

    SegmentList(List<Segment> recovered, long landedSeq) {
        for (Segment s : recovered) {
            segments.add(s);
            segmentBytes += s.fileBytes;
            addedEntries.addAndGet(s.backlogEntries);
            addedBytes.addAndGet(s.backlogBytes);
        }
        startAfter = landedSeq;
    }

    synchronized void add(Segment s) {
        segments.add(s);
        segmentBytes += s.fileBytes;
    }

    synchronized Segment first() {
        return segments.isEmpty() ? null : segments.get(0);
    }

    /** The segment after {@code s} (which may have been removed meanwhile), or the first when s is null. */
    synchronized Segment after(Segment s) {
        for (Segment t : segments) {
            if (s == null || t.firstSeq > s.firstSeq) {
                return t;
            }
        }
        return null;
    }

    /** The oldest sealed segment other than {@code current}, or null. */
    synchronized Segment oldestSealed(Segment current) {
        for (Segment t : segments) {
            if (t != current && t.sealed) {
                return t;
            }
        }
        return null;
    }

    synchronized long segmentBytes() {
        return segmentBytes;
    }

    synchronized void grow(Segment s, long bytes) {
        s.fileBytes += bytes;
        if (!s.removed) {
            segmentBytes += bytes;
        }
    }

    synchronized void seal(Segment s) {
        s.sealed = true;
    }

    /**
     * Writer: a frame of {@code entries} entries ({@code bytes} of payload, markers at the given
     * indexes) is complete in {@code s}. Returns false when the reader had abandoned {@code s}
     * (the frame will not be read: the caller counts its events lost).
     */
    synchronized boolean publish(Segment s, long endOffset, long firstSeq, int entries, long bytes, int[] markerIdx,
            int markers) {
        for (int i = 0; i < markers; i++) {
            s.addMarker(firstSeq + markerIdx[i]);
        }
        long frameBytes = endOffset - s.endOffset;
        s.endSeq = firstSeq + entries;
        s.endOffset = endOffset;
        grow(s, frameBytes);
        if (s.abandoned || s.removed) {
            return false;
        }
        s.backlogEntries += entries;
        s.backlogBytes += bytes;
        addedEntries.addAndGet(entries);
        addedBytes.addAndGet(bytes);
        return true;
    }

    /** Reader: takes in a frame of s ending before {@code endSeq}; false when s was removed meanwhile. */
    synchronized boolean claim(Segment s, long endSeq, long entries, long bytes) {
        if (s.removed) {
            return false;
        }
        s.claimedNext = endSeq;
        s.claimedEntries += entries;
        s.claimedBytes += bytes;
        return true;
    }

    /** Reader: its running totals of the entries it passed that count in the unread totals. */
    void taken(long entries, long bytes) {
        takenEntries.lazySet(entries);
        takenBytes.lazySet(bytes);
    }

    /** Reader: entries up to {@code seq} landed (a settled intent); they are neither read nor counted lost. */
    void startAfter(long seq) {
        startAfter = Math.max(startAfter, seq);
    }

    long startAfter() {
        return startAfter;
    }

    /**
     * Removes {@code s} (deleted or moved aside by the caller) and returns its events the reader has
     * not taken in: what is lost when it held entries that did not land.
     */
    synchronized long remove(Segment s) {
        if (s.removed) {
            return 0;
        }
        long unread = unreadEvents(s);
        retireRest(s);
        s.removed = true;
        segments.remove(s);
        segmentBytes -= s.fileBytes;
        return unread;
    }

    /**
     * Reader: a bad frame at {@code badSeq}; the rest of {@code s} is skipped. A sealed segment is
     * removed (the caller moves its file aside); one still being written is abandoned (the writer
     * rolls on at its next frame). Returns the events skipped.
     */
    synchronized long skipRest(Segment s, long badSeq) {
        if (s.removed) {
            return 0;
        }
        return s.sealed ? remove(s) : abandon(s, badSeq);
    }

    private long abandon(Segment s, long badSeq) {
        long lost = s.eventsIn(Math.max(badSeq, startAfter + 1), s.endSeq);
        retireRest(s);
        s.abandoned = true;
        return lost;
    }

    /**
     * Removes the segments whose entries all landed (up to {@code landedSeq}) and returns them: the
     * sealed ones, or with {@code closing} (the writer closed) the one being written too.
     */
    synchronized List<Segment> removeLanded(long landedSeq, boolean closing) {
        List<Segment> done = new ArrayList<>();
        for (Segment s : segments) {
            if ((s.sealed || closing) && s.endSeq - 1 <= landedSeq) {
                done.add(s);
            }
        }
        for (Segment s : done) {
            remove(s);
        }
        return done;
    }

    synchronized boolean anyLanded(long landedSeq) {
        for (Segment s : segments) {
            if (s.sealed && s.endSeq - 1 <= landedSeq) {
                return true;
            }
        }
        return false;
    }

    long unreadEntries() {
        long taken = takenEntries.get();
        long discarded = discardedEntries.get();
        return Math.max(0, addedEntries.get() - discarded - taken);
    }

    long unreadBytes() {
        long taken = takenBytes.get();
        long discarded = discardedBytes.get();
        return Math.max(0, addedBytes.get() - discarded - taken);
    }

    private long unreadEvents(Segment s) {
        if (s.abandoned) {
            return 0; // counted when it was abandoned
        }
        return s.eventsIn(Math.max(s.claimedNext, startAfter + 1), s.endSeq);
    }

    private void retireRest(Segment s) {
        discardedEntries.addAndGet(s.backlogEntries - s.claimedEntries);
        discardedBytes.addAndGet(s.backlogBytes - s.claimedBytes);
        s.claimedEntries = s.backlogEntries;
        s.claimedBytes = s.backlogBytes;
    }
}
