package io.github.appendlog.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A local write-ahead journal of encoded entries (events exactly as they will be appended, and
 * marker lines), in CRC32C-checked frames in segment files, plus the records of what the sender is
 * about to append and what landed. One directory per appender, one process per directory (a file
 * lock the OS releases when the process dies). Built on the JDK only (FileChannel, CRC32C,
 * FileLock, atomic moves); no memory mapping, so a full disk is an {@link IOException}, never a crash.
 *
 * <p>Three parties use it, each from one thread:
 * <ul>
 *   <li>the writer (the pipeline's journal thread) builds a frame ({@link #addToFrame},
 *       {@link #frameArray}) and writes it with one write ({@link #writeFrame}); entries get
 *       consecutive sequence numbers, starting after the highest found at open;
 *   <li>the reader (the sender) takes written entries in order ({@link #nextLength},
 *       {@link #takeNext}), from the segment files, with a bounded read-ahead (never the backlog whole);
 *   <li>the sender records each append before it is sent ({@link #recordIntent}) and after it landed
 *       ({@link #recordLanded}); a segment is deleted only once a landed record covering its last
 *       entry is on disk.
 * </ul>
 *
 * <p>At {@link #open}, what a crash or the disk left is repaired, never failed on: a torn or
 * corrupt tail is truncated, a bad frame in an older segment is skipped, a garbage or foreign file
 * is moved aside, corrupt records are skipped; losses are counted exactly from the sequence numbers
 * ({@link JournalRecovery}).
 */
public final class Journal implements Closeable {
    private final DirectoryLock lock;
    private final JournalRecovery recovery;
    private final SegmentList segments;
    private final SegmentWriter writer;
    private final SegmentReader reader;
    private final AppendRecords records;
    private AppendIntent settleable;
    private boolean closed;
    /** Set: the segments that landed are deleted by {@link #syncIfDue}'s thread, which it wakes. */
    private volatile Runnable cleaner;
    /** The landed sequence number the sender last asked to clean up to (-1: none). */
    private volatile long landedToClean = -1;

    private Journal(JournalOptions options, JournalListener listener, DirectoryLock lock, AppendRecords records,
            RecoveryScan scan, JournalRecovery recovery) {
        this.lock = lock;
        this.records = records;
        this.recovery = recovery;
        this.settleable = recovery.pending();
        this.segments = new SegmentList(scan.segments, scan.landedSeq);
        this.writer = new SegmentWriter(options, segments, listener, records::size, this::reclaimLanded, scan.nextSeq);
        this.reader = new SegmentReader(options, segments, listener, scan.landedSeq);
    }

    /**
     * Creates the directory if needed, takes its lock, repairs and reads what is there.
     *
     * @throws JournalLockedException another live process holds the directory's lock
     * @throws IOException the directory cannot be created, locked or read
     */
    public static Journal open(JournalOptions options, JournalListener listener) throws IOException {
        Objects.requireNonNull(listener, "listener");
        Path dir = options.directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the journal directory " + dir + " (journalDirectory): " + e
                    + "; check the path and its permissions", e);
        }
        DirectoryLock lock = DirectoryLock.acquire(dir);
        AppendRecords records = null;
        try {
            List<String> problems = new ArrayList<>();
            records = AppendRecords.open(options, problems);
            RecoveryScan scan = new RecoveryScan(options, problems);
            scan.run(records);
            if (records.needsRewrite()) {
                try {
                    records.compact();
                } catch (IOException e) {
                    problems.add(AppendRecords.FILE + " could not be rewritten (" + e + "); it is read as it is");
                }
            }
            JournalRecovery recovery = new JournalRecovery(scan.backlogEntries, scan.backlogBytes, scan.lostEvents,
                    problems, scan.recordsLost, scan.pending, scan.landedSeq);
            return new Journal(options, listener, lock, records, scan, recovery);
        } catch (IOException | RuntimeException e) {
            if (records != null) {
                records.close();
            }
            lock.release();
            throw e;
        }
    }

    /** What {@link #open} found and repaired. */
    public JournalRecovery recovery() {
        return recovery;
    }

    // ---- the writer ----

    /**
     * Writer: adds an entry of {@code length} bytes ({@code marker}: a marker line, not a counted
     * event) to the frame being built and returns the offset in {@link #frameArray()} where the
     * caller copies its bytes; -1 when the frame is not empty and the entry does not fit in it
     * (write the frame first). An empty frame takes an entry of any length.
     */
    public int addToFrame(int length, boolean marker) {
        return writer.frame().add(length, marker);
    }

    /** Writer: the frame's array; valid until the next {@link #addToFrame} (it may grow). */
    public byte[] frameArray() {
        return writer.frame().payload();
    }

    /** Writer: events (not markers) in the frame being built. */
    public int frameEvents() {
        return writer.frame().events();
    }

    /** Writer: whether the frame being built is empty. */
    public boolean frameEmpty() {
        return writer.frame().isEmpty();
    }

    /**
     * Writer: writes the frame being built with one write (rolling to a new segment first when the
     * current one is full) and empties it. With {@code journalSync=ALWAYS} forces it too. When the
     * files would pass {@code maxBytes}: {@code DROP_NEWEST} writes nothing and returns the frame's
     * events (the caller counts them dropped); {@code DROP_OLDEST} first deletes the oldest
     * segments that are not being written (telling the listener what they held unappended).
     *
     * @return events of the frame dropped because the journal is full; 0 when written
     * @throws IOException the write failed (disk full, I/O error): nothing of the frame is readable
     *     (the segment is cut back, or the next write goes to a new segment), the frame is emptied,
     *     and the caller counts its events lost
     */
    public int writeFrame() throws IOException {
        return writer.writeFrame();
    }

    /**
     * First deletes the segments that landed and wait for it (see {@link #cleanUpWith}), then, with
     * {@code journalSync=INTERVAL}, forces what was written if the interval has passed since the
     * oldest write not forced (any thread: the pipeline's sync thread).
     */
    public void syncIfDue() throws IOException {
        cleanUpLanded(); // first: a segment deleted before its force is never written back
        writer.syncIfDue();
        records.syncIfDue();
    }

    /** Nanoseconds until {@link #syncIfDue} has work (Long.MAX_VALUE when nothing is unforced); any thread. */
    public long nanosUntilSyncDue() {
        return Math.min(writer.nanosUntilSyncDue(), records.nanosUntilSyncDue());
    }

    /** Forces every file written to the disk (any thread; the pipeline's stop calls it). */
    public void force() throws IOException {
        writer.force();
        records.force();
        cleanUpLanded();
    }

    // ---- the reader ----

    /** Reader: entries written and not taken yet (any thread may read it). */
    public long unreadEntries() {
        return segments.unreadEntries();
    }

    /** Reader: the bytes of those entries (any thread may read it). */
    public long unreadBytes() {
        return segments.unreadBytes();
    }

    /**
     * Reader: the length of the next written entry, or -1 when none is written yet. A frame found
     * bad while reading is skipped (its events counted lost through the listener).
     *
     * @throws IOException a segment cannot be read (the reader stays where it is; try again later)
     */
    public int nextLength() throws IOException {
        return reader.nextLength();
    }

    /** Reader: whether the next entry (after {@link #nextLength} returned it) is a marker line. */
    public boolean nextIsMarker() {
        return reader.nextIsMarker();
    }

    /** Reader: copies the next entry (as {@link #nextLength} returned it) into {@code dest} at {@code at} and moves past it. */
    public void takeNext(byte[] dest, int at) {
        reader.takeNext(dest, at);
    }

    /** Reader: the sequence number of the last entry taken (the recovery's landed one before any). */
    public long lastTakenSeq() {
        return reader.lastTakenSeq();
    }

    // ---- the append records (the sender) ----

    /** Records an append about to be sent; with {@code journalSync=ALWAYS} forced before it returns. */
    public void recordIntent(AppendIntent intent) throws IOException {
        records.intent(intent);
    }

    /**
     * Records that every entry up to {@code lastSeq} landed, then deletes the segments whose
     * entries all did (after the record is forced to the disk).
     */
    public void recordLanded(long lastSeq) throws IOException {
        records.landed(lastSeq);
        long landed = records.landedSeq();
        if (segments.anyLanded(landed)) {
            Runnable waker = cleaner;
            if (waker != null) {
                landedToClean = landed;
                waker.run();
            } else {
                records.force();
                deleteLanded(landed, false);
            }
        }
        records.compactIfDue();
    }

    /**
     * From now on the sender does not force the records itself to delete the segments whose
     * entries all landed: it runs {@code waker}, whose thread calls {@link #syncIfDue} (which then
     * forces the records and deletes them). The pipeline's sync thread does so with
     * {@code journalSync=INTERVAL}: a force of the small records file waits behind the segments'
     * write-back, and the sender must not wait for it.
     */
    public void cleanUpWith(Runnable waker) {
        this.cleaner = waker;
    }

    /** Whether segments whose entries all landed wait for {@link #syncIfDue} to delete them. */
    public boolean cleanupDue() {
        long landed = landedToClean;
        return landed >= 0 && segments.anyLanded(landed);
    }

    /** Forces the records, then deletes the segments whose entries all landed (any thread); true if any were. */
    private boolean cleanUpLanded() throws IOException {
        long landed = landedToClean;
        if (landed < 0 || !segments.anyLanded(landed)) {
            return false;
        }
        records.force();
        deleteLanded(landed, false);
        return true;
    }

    /** For the writer, when the journal is full: what landed is deleted now; true if anything was. */
    private boolean reclaimLanded() {
        try {
            return cleanUpLanded();
        } catch (IOException e) {
            return false; // the records cannot be forced: what landed stays until they can
        }
    }

    private void deleteLanded(long landed, boolean closing) {
        for (Segment s : segments.removeLanded(landed, closing)) {
            SegmentWriter.deleteQuietly(s.path);
            CrashPoints.reached(CrashPoints.CLEANUP);
        }
    }

    /**
     * The recovery's pending intent was settled before anything was read: when it {@code landed},
     * records that (the reader then starts after its entries); otherwise forgets it (its entries are
     * read and appended again).
     */
    public void settlePending(boolean landed) throws IOException {
        AppendIntent p = settleable;
        if (p == null) {
            return;
        }
        settleable = null;
        if (landed) {
            reader.skipThrough(p.lastSeq());
            recordLanded(p.lastSeq());
        } else {
            records.forgetPending();
        }
    }

    /** Bytes of the journal's files on disk (segments and records). */
    public long diskBytes() {
        return segments.segmentBytes() + records.size();
    }

    /** Tests: the append records (to lower their compaction threshold). */
    AppendRecords records() {
        return records;
    }

    /**
     * Forces and closes the files and releases the lock. When every entry landed (the usual stop
     * with the store up), only the records are forced, and then every segment is deleted, the one
     * being written included: a stop does not wait for the disk to write back entries that are
     * appended already.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IOException failed = null;
        long landed = records.landedSeq();
        boolean allLanded = writer.frame().isEmpty() && landed >= writer.nextSeq() - 1;
        try {
            if (allLanded) {
                records.force(); // the entries' own bytes no longer matter: no write-back to wait for
            } else {
                force();
            }
        } catch (IOException e) {
            failed = e;
        }
        writer.close();
        reader.close();
        if (allLanded && failed == null) {
            deleteLanded(landed, true);
        }
        records.close();
        lock.release();
        if (failed != null) {
            throw failed;
        }
    }
}
