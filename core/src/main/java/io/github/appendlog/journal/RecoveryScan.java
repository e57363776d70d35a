package io.github.appendlog.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Journal#open} does to the directory after taking its lock and reading the records.
 * Files not the journal's are moved to {@code corrupt/}; segments are taken in sequence order: one
 * whose header is bad is moved aside, every other one is walked ({@link SegmentCheck}; the newest
 * with CRCs) and cut back before a bad or torn frame. Losses are counted from the sequence numbers:
 * what a damaged tail held, and the gaps between the landed entries and the segments and between
 * segments. Segments that hold nothing, or only entries that landed, are deleted. Nothing here
 * fails on what it finds in a file; only a directory that cannot be listed is an error.
 */
final class RecoveryScan {
    private final JournalOptions options;
    private final List<String> problems;
    private final SegmentCheck check = new SegmentCheck(new FrameCursor(1 << 20));
    final List<Segment> segments = new ArrayList<>();
    long lostEvents;
    long landedSeq;
    AppendIntent pending;
    boolean recordsLost;
    long nextSeq;
    long backlogEntries;
    long backlogBytes;

    RecoveryScan(JournalOptions options, List<String> problems) {
        this.options = options;
        this.problems = problems;
    }

    /** One segment file as listed: its channel and size once opened. */
    private static final class Found {
        final Path path;
        final long seq;
        FileChannel ch;
        long size;

        Found(Path path, long seq) {
            this.path = path;
            this.seq = seq;
        }
    }

    void run(AppendRecords records) throws IOException {
        List<Found> good = new ArrayList<>();
        List<Found> badHeader = new ArrayList<>();
        try {
            for (Found f : list().values()) {
                examine(f, good, badHeader);
            }
            recordsLost = records.lost() && !good.isEmpty();
            if (recordsLost) {
                records.assume(good.get(0).seq - 1);
                problems.add(AppendRecords.FILE + " is missing or unreadable while segments exist: what landed is"
                        + " unknown, so the backlog is appended again from its oldest entry (some entries may"
                        + " appear twice)");
            }
            landedSeq = records.landedSeq();
            pending = records.pending();
            LossCounter loss = new LossCounter(landedSeq, pending);
            long newest = good.isEmpty() ? -1 : good.get(good.size() - 1).seq;
            long highest = Math.max(landedSeq, pending == null ? 0 : pending.lastSeq());
            long expected = recordsLost ? good.get(0).seq : landedSeq + 1;
            long previousEnd = -1;
            for (Found f : good) {
                Segment s = new Segment(f.path, f.seq, FrameFormat.SEGMENT_HEADER_BYTES, f.seq);
                s.sealed = true;
                boolean readable = walk(f, s, f.seq == newest, loss);
                if (s.firstSeq < previousEnd) {
                    SegmentWriter.closeQuietly(f.ch);
                    problems.add(f.path.getFileName() + " overlaps the segment before it; it was "
                            + JournalDirectory.moveAside(options.directory(), f.path));
                    continue;
                }
                countGap(expected, s.firstSeq, loss);
                expected = Math.max(expected, s.endSeq);
                previousEnd = s.endSeq;
                highest = Math.max(highest, s.endSeq - 1);
                if (readable) {
                    keepOrDelete(s);
                } else {
                    keep(s); // never deleted unread, and its name never taken by a new segment
                    highest = Math.max(highest, s.firstSeq);
                }
            }
            for (Found f : badHeader) {
                long lost = 0;
                try {
                    if (f.seq > newest) {
                        lost = check.countLost(f.ch, f.size, FrameFormat.SEGMENT_HEADER_BYTES, f.seq, loss);
                    }
                } catch (IOException e) {
                    problems.add(f.path.getFileName() + " could not be read (" + e + ") to count its events");
                }
                SegmentWriter.closeQuietly(f.ch);
                lostEvents += lost;
                problems.add(f.path.getFileName() + " has no valid segment header" + (lost > 0 ? " (" + lost
                        + " events lost)" : "") + "; it was " + JournalDirectory.moveAside(options.directory(), f.path));
            }
            nextSeq = highest + 1;
        } finally {
            for (Found f : good) {
                SegmentWriter.closeQuietly(f.ch);
            }
            for (Found f : badHeader) {
                SegmentWriter.closeQuietly(f.ch);
            }
        }
    }

    /** Segment files by sequence number; other files are moved aside, a compaction's leftover was deleted already. */
    private Map<Long, Found> list() throws IOException {
        Map<Long, Found> found = new TreeMap<>();
        Path dir = options.directory();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                long seq = FrameFormat.seqOfName(name);
                if (seq >= 0) {
                    found.put(seq, new Found(p, seq));
                } else if (!Files.isDirectory(p) && !name.equals(DirectoryLock.FILE)
                        && !name.equals(AppendRecords.FILE) && !name.equals(AppendRecords.TEMP)) {
                    problems.add("found " + name + ", which is not a journal file; it was "
                            + JournalDirectory.moveAside(dir, p));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot list the journal directory " + dir + " (journalDirectory): " + e
                    + "; check its permissions", e);
        }
        return found;
    }

    private void examine(Found f, List<Found> good, List<Found> badHeader) {
        try {
            f.ch = options.channels().open(f.path, StandardOpenOption.READ);
            f.size = f.ch.size();
            if (f.size < FrameFormat.SEGMENT_HEADER_BYTES) {
                SegmentWriter.closeQuietly(f.ch);
                SegmentWriter.deleteQuietly(f.path);
                problems.add("deleted " + f.path.getFileName() + ", a segment file whose header was never completed ("
                        + f.size + " bytes)");
                return;
            }
            byte[] header = new byte[FrameFormat.SEGMENT_HEADER_BYTES];
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining() && f.ch.read(b, b.position()) >= 0) {
                // the header, whole
            }
            (FrameFormat.segmentHeaderValid(header, f.seq) ? good : badHeader).add(f);
        } catch (IOException e) {
            SegmentWriter.closeQuietly(f.ch);
            problems.add(f.path.getFileName() + " could not be read (" + e + "); it was left in place and its"
                    + " entries are counted lost");
        }
    }

    /** Walks f into s, cutting a bad tail; false when f could not be read to its end. */
    private boolean walk(Found f, Segment s, boolean newest, LossCounter loss) {
        try {
            check.walk(f.ch, f.size, s, newest, landedSeq);
            if (check.damagedAt >= 0) {
                long lost = newest ? check.countLost(f.ch, f.size, check.damagedAt, s.endSeq, loss) : 0;
                lostEvents += lost;
                problems.add(f.path.getFileName() + ": cut a " + (newest ? "torn or corrupt" : "malformed")
                        + " tail at offset " + check.damagedAt + (newest ? " (" + lost + " events lost)" : "")
                        + cut(f.path, check.damagedAt));
                s.fileBytes = check.damagedAt;
            }
            return true;
        } catch (IOException e) {
            problems.add(f.path.getFileName() + " could not be read past offset " + s.endOffset + " (" + e
                    + "); it is kept and read up to there");
            return false;
        }
    }

    private String cut(Path path, long at) {
        try (FileChannel w = options.channels().open(path, StandardOpenOption.WRITE)) {
            w.truncate(at); // not forced: a tail that comes back after a host crash is cut again
            return "";
        } catch (IOException e) {
            return " (it could not be cut: " + e + "; it is read up to there only)";
        }
    }

    private void countGap(long from, long to, LossCounter loss) {
        long lost = loss.entries(from, to);
        if (lost > 0) {
            lostEvents += lost;
            problems.add("entries " + from + ".." + (to - 1) + " are missing (a segment missing, moved aside or cut"
                    + " short): " + lost + " events lost");
        }
    }

    private void keepOrDelete(Segment s) {
        if (s.endSeq == s.firstSeq || s.endSeq - 1 <= landedSeq) {
            SegmentWriter.deleteQuietly(s.path);
            return;
        }
        keep(s);
    }

    private void keep(Segment s) {
        segments.add(s);
        backlogEntries += s.backlogEntries;
        backlogBytes += s.backlogBytes;
    }
}
