package io.github.appendlog.journal;

import io.github.appendlog.config.JournalSync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code appends.log}: append-only records ({@link RecordCodec}) of what the sender is about to
 * append (INTENT) and what landed (LANDED), written by the sender thread. Because the sender
 * appends in sequence order, the state is the highest landed sequence number plus the last intent
 * after it. Read at open: a corrupt record is skipped (reading resumes at the next valid one), a
 * torn or corrupt tail is cut. Past {@link #COMPACT_AT_BYTES} the file is rewritten as that state
 * alone: a temporary file, forced, moved atomically over {@code appends.log}, the directory forced.
 */
final class AppendRecords {
    static final String FILE = "appends.log";
    static final String TEMP = "appends.log.tmp";
    static final long COMPACT_AT_BYTES = 1 << 20;
    private static final int READ_CAP = 16 << 20;

    private final JournalOptions options;
    private final Path file;
    private final byte[] buf = new byte[RecordCodec.MAX_RECORD_BYTES];
    private final UnforcedWrites unforced;
    private volatile FileChannel channel;
    private volatile FileChannel compacting;
    private volatile long size;
    private RecordState state = new RecordState();
    /** The file was missing or unreadable (what landed is unknown). */
    private boolean lost;
    /** Open found something to repair: the file is rewritten once the state is settled. */
    private boolean rewrite;
    /** Tests lower it to see compaction without writing a megabyte of records. */
    long compactAtBytes = COMPACT_AT_BYTES;

    private AppendRecords(JournalOptions options) {
        this.options = options;
        this.file = options.directory().resolve(FILE);
        this.unforced = new UnforcedWrites(options);
    }

    /** Reads (and repairs) the records; an unfinished compaction's temporary file is deleted. */
    static AppendRecords open(JournalOptions options, List<String> problems) throws IOException {
        AppendRecords r = new AppendRecords(options);
        Path temp = options.directory().resolve(TEMP);
        if (Files.deleteIfExists(temp)) {
            problems.add("deleted " + TEMP + ", left by a compaction of " + FILE + " that did not finish");
        }
        if (!Files.exists(r.file)) {
            r.lost = true;
        } else {
            try {
                r.read(problems);
            } catch (IOException e) {
                r.lost = true;
                problems.add(FILE + " could not be read (" + e + "); it was "
                        + JournalDirectory.moveAside(options.directory(), r.file));
            }
        }
        if (r.channel == null) {
            try {
                r.channel = r.openChannel(r.file);
                r.size = r.channel.size();
            } catch (IOException e) {
                r.close();
                throw new IOException("cannot create " + r.file + " (journalDirectory): " + e
                        + "; check that the directory is writable", e);
            }
        }
        return r;
    }

    private void read(List<String> problems) throws IOException {
        FileChannel ch = openChannel(file);
        try {
            read(ch, problems);
        } catch (IOException | RuntimeException e) {
            SegmentWriter.closeQuietly(ch);
            channel = null;
            throw e;
        }
    }

    private void read(FileChannel ch, List<String> problems) throws IOException {
        long fileSize = ch.size();
        int len = (int) Math.min(fileSize, READ_CAP);
        long base = fileSize - len;
        byte[] data = new byte[len];
        ByteBuffer bb = ByteBuffer.wrap(data);
        while (bb.hasRemaining() && ch.read(bb, base + bb.position()) >= 0) {
            // reads the whole (capped) file
        }
        RecordState found = new RecordState();
        found.scan(data, len);
        int validEnd = found.validEnd;
        long skipped = found.skipped;
        if (found.records == 0 && len > 0 && !(len < RecordCodec.MAX_RECORD_BYTES && RecordCodec.typeByte(data[0]))) {
            ch.close();
            lost = true;
            problems.add(FILE + " holds no valid record; it was " + JournalDirectory.moveAside(options.directory(), file));
            return;
        }
        if (skipped > 0) {
            rewrite = true;
            problems.add(FILE + ": skipped " + skipped + " corrupt bytes between records");
        }
        if (base > 0) {
            rewrite = true;
            problems.add(FILE + ": read only its last " + len + " bytes of " + fileSize);
        }
        if (validEnd < len) {
            rewrite = true;
            problems.add(FILE + ": cut " + (len - validEnd) + " bytes of a torn or corrupt record at its end");
            try {
                ch.truncate(base + validEnd);
            } catch (IOException e) {
                problems.add(FILE + " could not be cut (" + e + "); it is rewritten instead");
            }
        }
        channel = ch;
        size = Math.min(ch.size(), base + validEnd);
        state = found;
    }

    boolean lost() {
        return lost;
    }

    boolean needsRewrite() {
        return rewrite;
    }

    long landedSeq() {
        return state.landedSeq;
    }

    AppendIntent pending() {
        return state.pending;
    }

    long size() {
        return size;
    }

    /** Open: what landed is unknown; the state becomes "up to {@code seq}" with nothing pending. */
    void assume(long seq) {
        state.landedSeq = seq;
        state.pending = null;
        rewrite = true;
    }

    void intent(AppendIntent intent) throws IOException {
        int n = RecordCodec.encodeIntent(buf, intent, RecordCodec.keyBytes(intent));
        write(n);
        if (options.sync() == JournalSync.ALWAYS) {
            channel.force(false);
        }
        state.intent(intent);
        CrashPoints.reached(CrashPoints.INTENT_RECORDED);
    }

    void landed(long lastSeq) throws IOException {
        write(RecordCodec.encodeLanded(buf, lastSeq));
        state.landed(lastSeq);
    }

    /** The pending intent did not land: forgotten (a later intent replaces it in the file). */
    void forgetPending() {
        state.pending = null;
    }

    private void write(int n) throws IOException {
        FileChannel ch = channel;
        long start = size;
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        try {
            while (b.hasRemaining()) {
                ch.write(b, start + b.position());
            }
        } catch (IOException e) {
            try {
                ch.truncate(start);
            } catch (IOException e2) {
                size = start + n; // the torn record stays; reading skips it
            }
            throw e;
        }
        size = start + n;
        unforced.written();
    }

    void compactIfDue() {
        if (size > compactAtBytes) {
            try {
                compact();
            } catch (IOException e) {
                // tried again after the next record
            }
        }
    }

    /** Rewrites the file as its state alone. */
    void compact() throws IOException {
        Path temp = options.directory().resolve(TEMP);
        FileChannel t = openChannel(temp);
        compacting = t;
        int n = RecordCodec.encodeLanded(buf, state.landedSeq);
        AppendIntent pending = state.pending;
        try {
            t.truncate(0);
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                t.write(b, b.position());
            }
            if (pending != null) {
                int m = RecordCodec.encodeIntent(buf, pending, RecordCodec.keyBytes(pending));
                b = ByteBuffer.wrap(buf, 0, m);
                while (b.hasRemaining()) {
                    t.write(b, n + b.position());
                }
                n += m;
            }
            t.force(false);
            CrashPoints.reached(CrashPoints.COMPACTION);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            SegmentWriter.closeQuietly(t);
            compacting = null;
            SegmentWriter.deleteQuietly(temp);
            throw e;
        }
        JournalDirectory.force(options.directory());
        FileChannel old = channel;
        channel = t;
        size = n;
        compacting = null;
        rewrite = false;
        SegmentWriter.closeQuietly(old);
    }

    void syncIfDue() throws IOException {
        if (unforced.nanosUntilDue() == 0) {
            force();
        }
    }

    long nanosUntilSyncDue() {
        return unforced.nanosUntilDue();
    }

    /** Forces the file (any thread). */
    void force() throws IOException {
        long mark = unforced.take();
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            // replaced by a compaction, which forced the new file
        } catch (IOException e) {
            unforced.restore(mark);
            throw e;
        }
    }

    void close() {
        SegmentWriter.closeQuietly(compacting);
        SegmentWriter.closeQuietly(channel);
    }

    private FileChannel openChannel(Path p) throws IOException {
        return options.channels().open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
    }
}
