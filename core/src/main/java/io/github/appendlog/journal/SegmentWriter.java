package io.github.appendlog.journal;

import io.github.appendlog.config.JournalOverflowPolicy;
import io.github.appendlog.config.JournalSync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * The writer's side (one thread: the pipeline's journal thread). Each frame goes to the current
 * segment with one gathering write; a segment that reached {@code segmentBytes} is sealed and a new
 * one begun. With {@code journalSync=ALWAYS} the writer forces each frame, the new segment's header
 * and the directory itself; with {@code INTERVAL} it never waits for the disk: a sealed segment's
 * channel stays open until the next {@link #force} (another thread's) forces and closes it, with the
 * directory when a segment was created since. A frame is published to the reader only once
 * written completely (and forced, with {@code ALWAYS}); a failed write is cut back off the file, or,
 * when that fails too, the segment is sealed before it so the next frame goes to a new file.
 * The files (segments and records) never pass {@code maxBytes}: see {@link #writeFrame}.
 */
final class SegmentWriter {
    private final JournalOptions options;
    private final SegmentList segments;
    private final JournalListener listener;
    private final LongSupplier recordsBytes;
    /** Deletes the segments that landed but wait for a force of the records; true if any were. */
    private final BooleanSupplier reclaimLanded;
    private final FrameBuilder frame;
    private final CRC32C crc = new CRC32C();
    private final UnforcedWrites unforced;
    private Segment current;
    private FileChannel channel;
    private volatile FileChannel forceTarget;
    private volatile FileChannel rolling;
    /** Sealed segments' channels with writes not yet forced ({@code INTERVAL}): the next force takes them. */
    private final ConcurrentLinkedQueue<Sealed> sealedUnforced = new ConcurrentLinkedQueue<>();
    /** A segment file was created since the directory was last forced ({@code INTERVAL}). */
    private volatile boolean directoryUnforced;
    private long nextSeq;
    private boolean closed;

    SegmentWriter(JournalOptions options, SegmentList segments, JournalListener listener, LongSupplier recordsBytes,
            BooleanSupplier reclaimLanded, long nextSeq) {
        this.options = options;
        this.segments = segments;
        this.listener = listener;
        this.recordsBytes = recordsBytes;
        this.reclaimLanded = reclaimLanded;
        this.frame = new FrameBuilder(options.maxFrameBytes());
        this.unforced = new UnforcedWrites(options);
        this.nextSeq = nextSeq;
    }

    FrameBuilder frame() {
        return frame;
    }

    long nextSeq() {
        return nextSeq;
    }

    /** Writes the frame (see {@link Journal#writeFrame}); returns the events dropped for want of room. */
    int writeFrame() throws IOException {
        if (closed) {
            frame.clear();
            throw new ClosedChannelException();
        }
        if (frame.isEmpty()) {
            return 0;
        }
        try {
            boolean roll = current == null || current.abandoned || current.endOffset >= options.segmentBytes();
            long need = frame.frameBytes() + (roll ? FrameFormat.SEGMENT_HEADER_BYTES : 0);
            if (!makeRoom(need)) {
                return frame.events();
            }
            if (roll) {
                roll();
            }
            write();
            return 0;
        } finally {
            frame.clear();
        }
    }

    private boolean makeRoom(long need) {
        long max = options.maxBytes();
        if (segments.segmentBytes() + recordsBytes.getAsLong() + need > max) {
            reclaimLanded.getAsBoolean(); // segments that landed may wait for the sync thread's next force
        }
        while (segments.segmentBytes() + recordsBytes.getAsLong() + need > max) {
            Segment oldest = options.overflow() == JournalOverflowPolicy.DROP_OLDEST ? segments.oldestSealed(current)
                    : null;
            if (oldest == null) {
                return false;
            }
            long lost = segments.remove(oldest);
            deleteQuietly(oldest.path);
            if (lost > 0) {
                listener.lost(lost, "the oldest journal segment " + oldest.name()
                        + " was deleted to stay within maxJournalBytes (journalOverflowPolicy=DROP_OLDEST)");
            }
        }
        return true;
    }

    private void roll() throws IOException {
        Segment old = current;
        if (old != null) {
            closeCurrent(old, options.sync() == JournalSync.ALWAYS);
        }
        long first = nextSeq;
        Path path = options.directory().resolve(FrameFormat.segmentName(first));
        FileChannel ch = options.channels().open(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        rolling = ch;
        try {
            CrashPoints.reached(CrashPoints.SEGMENT_ROLL);
            byte[] header = new byte[FrameFormat.SEGMENT_HEADER_BYTES];
            FrameFormat.writeSegmentHeader(header, first, System.currentTimeMillis());
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            if (options.sync() == JournalSync.ALWAYS) {
                ch.force(false);
                JournalDirectory.force(options.directory());
            } else if (options.sync() == JournalSync.INTERVAL) {
                directoryUnforced = true;
                unforced.written();
            }
        } catch (IOException e) {
            closeQuietly(ch);
            deleteQuietly(path);
            rolling = null;
            throw e;
        }
        rolling = null;
        Segment s = new Segment(path, first, FrameFormat.SEGMENT_HEADER_BYTES, first);
        segments.add(s);
        current = s;
        channel = ch;
        forceTarget = ch;
    }

    private void write() throws IOException {
        Segment seg = current;
        long start = seg.endOffset;
        long bytes = frame.frameBytes();
        long first = nextSeq;
        ByteBuffer[] buffers = frame.buffers(first, crc);
        try {
            long left = bytes;
            while (left > 0) {
                left -= channel.write(buffers);
            }
            CrashPoints.reached(CrashPoints.JOURNAL_WRITTEN);
            if (options.sync() == JournalSync.ALWAYS) {
                channel.force(false);
            }
        } catch (IOException e) {
            cutBack(seg, start);
            throw e;
        }
        unforced.written();
        nextSeq = first + frame.count();
        if (!segments.publish(seg, start + bytes, first, frame.count(), frame.payloadBytes(), frame.markerIndexes(),
                frame.markers()) && frame.events() > 0) {
            listener.lost(frame.events(), "a bad frame was found in journal segment " + seg.name()
                    + " while it was being written; the frames written after it are skipped");
        }
    }

    /** A failed write: nothing of the frame may stay readable. */
    private void cutBack(Segment seg, long start) {
        try {
            channel.truncate(start);
            channel.position(start);
        } catch (IOException e) {
            closeCurrent(seg, false);
        }
    }

    /**
     * Seals the current segment (deleting it when it holds no frame) and closes its channel, after
     * forcing it when {@code force}; with {@code INTERVAL} a channel with frames is handed to the
     * next {@link #force} instead.
     */
    private void closeCurrent(Segment seg, boolean force) {
        FileChannel ch = channel;
        current = null;
        channel = null;
        forceTarget = null;
        if (force) {
            try {
                ch.force(false);
            } catch (IOException e) {
                // the frames stay readable; a later force or the kernel writes them back
            }
        }
        if (options.sync() == JournalSync.INTERVAL && seg.endSeq != seg.firstSeq && ch.isOpen()) {
            sealedUnforced.add(new Sealed(seg, ch));
            unforced.written();
        } else {
            closeQuietly(ch);
        }
        if (seg.endSeq == seg.firstSeq) {
            segments.remove(seg);
            deleteQuietly(seg.path);
        } else {
            segments.seal(seg);
        }
    }

    void syncIfDue() throws IOException {
        if (unforced.nanosUntilDue() == 0) {
            force();
        }
    }

    long nanosUntilSyncDue() {
        return unforced.nanosUntilDue();
    }

    /**
     * Forces what was written (any thread, one at a time): the sealed segments not forced yet (then
     * closes them), the segment being written, and the directory when a segment was created.
     */
    synchronized void force() throws IOException {
        long mark = unforced.take();
        boolean directory = directoryUnforced;
        directoryUnforced = false;
        try {
            for (Sealed sealed = sealedUnforced.peek(); sealed != null; sealed = sealedUnforced.peek()) {
                if (!sealed.segment.removed) { // a segment deleted since (it landed) needs no write-back
                    try {
                        sealed.channel.force(false);
                    } catch (ClosedChannelException e) {
                        // closed by close(), which comes after the last force
                    }
                }
                sealedUnforced.remove(sealed);
                closeQuietly(sealed.channel);
            }
            FileChannel ch = forceTarget;
            if (ch != null) {
                try {
                    ch.force(false);
                } catch (ClosedChannelException e) {
                    // sealed meanwhile: with INTERVAL it waits in sealedUnforced for the next force
                }
            }
            if (directory) {
                JournalDirectory.force(options.directory());
            }
        } catch (IOException e) {
            directoryUnforced |= directory;
            unforced.restore(mark);
            throw e;
        }
    }

    /** Closes the channels (the caller forced them first); the writer cannot write afterwards. */
    void close() {
        closed = true;
        closeQuietly(channel);
        closeQuietly(rolling);
        for (Sealed sealed = sealedUnforced.poll(); sealed != null; sealed = sealedUnforced.poll()) {
            closeQuietly(sealed.channel);
        }
        channel = null;
        forceTarget = null;
        current = null;
    }

    static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing more to do with it
            }
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left for the next start, which deletes what landed
        }
    }

    /** A sealed segment whose channel waits for the next force. */
    private static final class Sealed {
        final Segment segment;
        final FileChannel channel;

        Sealed(Segment segment, FileChannel channel) {
            this.segment = segment;
            this.channel = channel;
        }
    }
}
