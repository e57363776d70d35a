package io.github.appendlog.journal;

import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.config.JournalSync;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.status.EventLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The journal thread of a pipeline ({@code appendlog-journal-<name>}): it is the memory buffer's
 * consumer and writes the buffer's events, in order, into the {@link Journal} in frames of many
 * events (one write each), with the marker line for drops not marked yet as an entry of its own,
 * and wakes the sender when a batch's worth is journalled. With {@code journalSync=INTERVAL} a
 * second thread ({@code appendlog-journal-sync-<name>}) forces the journal every interval, so that
 * the journal thread never waits for the disk to write back (a force of a second's events can take
 * longer than the memory buffer lasts); with {@code ALWAYS} the journal thread forces each frame.
 * The journal thread wakes when a batch's worth is buffered (the buffer's or the encoder's signal)
 * and every {@code min(flushInterval, 200 ms)}, never per event; a logging thread never waits for it.
 *
 * <p>A journal that cannot be opened (locked by another process, a directory that cannot be
 * created) or written (disk full, I/O errors) never reaches the application: the events of a frame
 * that could not be written are counted lost, the sender consumes the memory buffer (after the
 * journal's backlog) and the stage tries the journal again every 10 s (every
 * second while another pipeline of this JVM holds the directory: a reconfiguration). Failures are
 * reported once per {@code dropReportInterval} ({@link JournalReports}).
 *
 * <p>Stop: {@link #stop} lets the journal thread write what the buffer holds and end, waiting until
 * the deadline at most (the sender then appends what it can); {@link #close}, once the sender ended,
 * waits for the sync thread, closes the journal (forcing what did not land, which stays for the next
 * start) and releases its lock: stop does not wait for the disk before the sender's last appends.
 */
public final class JournalStage {
    private static final long RETRY_HELD_HERE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Room is given back to the buffer in steps of this many bytes, not per event. */
    private static final long RELEASE_STEP_BYTES = 64 * 1024;
    /** Directories a pipeline of this JVM holds (so that a reconfiguration's overlap is told apart). */
    private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

    private final JournalOptions options;
    private final JournalLink link;
    private final EventBuffer buffer;
    private final EventLedger ledger;
    private final JournalReports reports;
    private final Runnable wakeSender;
    private final long delayNanos;
    private final long batchBytes;
    private final Thread thread;
    /** Forces the journal every {@code journalSyncInterval} ({@code INTERVAL} only, else null). */
    private final Thread syncThread;
    private final long retryNanos;
    private final long syncIntervalNanos;
    private volatile boolean stopping;
    /** Events of the frame being written now (0 between writes): what a write that never returns holds. */
    private volatile int inHand;
    private long retryAtNanos = System.nanoTime();
    private boolean heldHere;
    private byte[] note;

    /**
     * @param wakeSender   run when a batch's worth is journalled
     * @param batchBytes   a batch's worth ({@code maxBatchBytes})
     */
    public JournalStage(JournalOptions options, JournalLink link, EventBuffer buffer, EventLedger ledger,
            JournalReports reports, PipelineThreadFactory threads, PipelineThreadFactory syncThreads,
            Runnable wakeSender, long flushIntervalNanos, long batchBytes) {
        this.options = options;
        this.link = link;
        this.buffer = buffer;
        this.ledger = ledger;
        this.reports = reports;
        this.wakeSender = wakeSender;
        this.delayNanos = Math.min(flushIntervalNanos, MAX_DELAY_NANOS);
        this.batchBytes = batchBytes;
        this.thread = threads.newThread(this::run);
        this.syncThread = options.sync() == JournalSync.INTERVAL ? syncThreads.newThread(this::syncEveryInterval)
                : null;
        this.retryNanos = options.retryInterval().toNanos();
        this.syncIntervalNanos = Math.max(options.syncInterval().toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
    }

    public Thread thread() {
        return thread;
    }

    /** Opens the journal (on the caller's thread: a pipeline's start) and starts the thread; never throws for the journal. */
    public void start() {
        tryOpen();
        thread.start();
        if (syncThread != null) {
            syncThread.start();
        }
    }

    /**
     * Lets the journal thread write what the buffer holds and end, and waits for it until
     * {@code deadlineNanos}; the sync thread ends too, but {@link #close} waits for it (a force under
     * way then overlaps with the sender's last appends).
     */
    public void stop(long deadlineNanos) {
        stopping = true;
        LockSupport.unpark(thread);
        if (syncThread != null) {
            LockSupport.unpark(syncThread);
        }
        try {
            join(thread, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t, long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (t != null && left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
    }

    /** The events a journal thread that did not end holds in the write it is stuck in (0 once it ended). */
    public long stuckEvents() {
        return ended() ? 0 : inHand;
    }

    /** Whether the journal thread ended (it no longer touches the buffer). */
    public boolean ended() {
        return !thread.isAlive();
    }

    private boolean syncEnded() {
        return syncThread == null || !syncThread.isAlive();
    }

    /**
     * Once the sender ended: waits for the sync thread to end (until {@code deadlineNanos}), closes
     * the journal and releases its lock; {@code inFlight} entries of the sender's last batch did not
     * land. Reports what stays in the journal for the next start, and returns how many entries that is.
     */
    public long close(long inFlight, long deadlineNanos) {
        try {
            join(syncThread, deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Journal j = link.journal();
        if (j == null) {
            return 0;
        }
        if (!ended() || !syncEnded()) { // stuck in a write or a force: closing would wait for the disk too
            reports.notClosed(inHand, buffer.usedBytes());
            return j.unreadEntries() + inFlight;
        }
        long kept = j.unreadEntries() + inFlight;
        long bytes = j.unreadBytes();
        try {
            j.close();
        } catch (IOException | RuntimeException e) {
            reports.closeFailed(e);
        } finally {
            OPEN_HERE.remove(options.directory());
        }
        reports.keptAtStop(kept, bytes);
        return kept;
    }

    private void run() {
        while (true) {
            boolean stop = stopping;
            try {
                step();
            } catch (Throwable e) { // a bug or no memory: reported, and the loop goes on
                reports.fault(e);
            }
            if (stop) {
                return; // closing the journal forces it, once the sender is done
            }
            LockSupport.parkNanos(this, waitNanos());
        }
    }

    private void step() {
        long now = System.nanoTime();
        Journal j = link.journal();
        if (j == null) {
            if (now - retryAtNanos >= 0) {
                tryOpen();
            }
        } else if (!link.journalling() && now - retryAtNanos >= 0) {
            journalling(true); // try again: the next write tells
        }
        if (link.journalling()) {
            pass();
        }
    }

    /**
     * The sync thread: forces the journal once its oldest unforced write is an interval old, and
     * deletes the segments whose entries all landed (after forcing the records that say so) as
     * soon as the sender asks; after a failed force, waits an interval before the next try.
     */
    private void syncEveryInterval() {
        while (!stopping) {
            Journal j = link.journal();
            long wait = j == null ? syncIntervalNanos
                    : j.cleanupDue() ? 0 : Math.min(j.nanosUntilSyncDue(), syncIntervalNanos);
            if (wait == 0) {
                try {
                    j.syncIfDue();
                } catch (IOException e) {
                    reports.syncFailed(e);
                    wait = syncIntervalNanos;
                } catch (Throwable e) { // a bug or no memory: reported, and the loop goes on
                    reports.fault(e);
                    wait = syncIntervalNanos;
                }
            }
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Everything the buffer holds into the journal, in frames; on a failed write, memory-only from there. */
    private void pass() {
        Journal j = link.journal();
        link.consumerLock().lock();
        try {
            if (!link.journalling()) {
                return;
            }
            if (note != null) {
                if (!add(j, note, true)) {
                    return; // memory-only from here
                }
                note = null;
            }
            byte[] marker = ledger.takeMarkerLine();
            if (marker != null && !add(j, marker, true)) {
                return;
            }
            long room = 0;
            try {
                for (int length = buffer.nextLength(); length >= 0; length = buffer.nextLength()) {
                    int at = j.addToFrame(length, false);
                    if (at < 0) {
                        if (!write(j)) {
                            return;
                        }
                        at = j.addToFrame(length, false);
                    }
                    buffer.takeInto(length, j.frameArray(), at);
                    room += EventBuffer.roomOf(length);
                    if (room >= RELEASE_STEP_BYTES) {
                        buffer.release(room);
                        room = 0;
                    }
                }
            } finally {
                buffer.release(room);
            }
            if (!j.frameEmpty()) {
                write(j);
            }
        } finally {
            link.consumerLock().unlock();
        }
        if (j.unreadBytes() >= batchBytes) {
            wakeSender.run();
        }
    }

    /** Adds a marker entry (writing the frame first if it does not fit); false when a write failed. */
    private boolean add(Journal j, byte[] line, boolean marker) {
        int at = j.addToFrame(line.length, marker);
        if (at < 0) {
            if (!write(j)) {
                return false;
            }
            at = j.addToFrame(line.length, marker);
        }
        System.arraycopy(line, 0, j.frameArray(), at, line.length);
        return true;
    }

    /** Writes the frame; on failure counts its events lost and goes memory-only. True when written. */
    private boolean write(Journal j) {
        int events = j.frameEvents();
        inHand = events;
        try {
            int dropped = j.writeFrame();
            ledger.droppedJournalFull(dropped);
            ledger.journalled(events - dropped);
            reports.written(dropped);
            return true;
        } catch (IOException | RuntimeException e) {
            ledger.journalLost(events);
            journalling(false);
            retryAtNanos = System.nanoTime() + retryNanos;
            reports.writeFailed(e, events, options.retryInterval());
            return false;
        } finally {
            inHand = 0;
        }
    }

    private void tryOpen() {
        Path dir = options.directory();
        try {
            Journal j = Journal.open(options, (events, reason) -> {
                ledger.journalLost(events);
                reports.lost(events, reason);
            });
            heldHere = false;
            OPEN_HERE.add(dir);
            JournalRecovery r = j.recovery();
            ledger.journalLost(r.lostEvents());
            if (r.recordsLost()) {
                note = reports.recordsLostNote();
            }
            reports.opened(r);
            ledger.journalGauges(j::diskBytes, j::unreadBytes);
            if (syncThread != null) {
                j.cleanUpWith(() -> LockSupport.unpark(syncThread));
            }
            link.attach(j);
            journalling(true);
        } catch (JournalLockedException e) {
            boolean here = OPEN_HERE.contains(dir);
            retryAtNanos = System.nanoTime() + (here ? RETRY_HELD_HERE_NANOS : retryNanos);
            if (here != heldHere || !here) {
                reports.locked(e, here, here ? Duration.ofSeconds(1) : options.retryInterval());
            }
            heldHere = here;
        } catch (IOException | RuntimeException e) {
            retryAtNanos = System.nanoTime() + retryNanos;
            reports.openFailed(e, options.retryInterval());
        }
    }

    private void journalling(boolean on) {
        link.consumerLock().lock();
        try {
            link.journalling(on);
        } finally {
            link.consumerLock().unlock();
        }
    }

    private long waitNanos() {
        return Math.max(delayNanos, TimeUnit.MICROSECONDS.toNanos(100));
    }
}
