package io.github.appendlog.delivery;

import io.github.appendlog.buffer.Batch;
import io.github.appendlog.buffer.Batcher;
import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.journal.AppendIntent;
import io.github.appendlog.journal.CrashPoints;
import io.github.appendlog.journal.Journal;
import io.github.appendlog.journal.JournalLink;
import io.github.appendlog.status.EventLedger;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.StoreException;
import java.io.IOException;

/**
 * Batches from the journal, in entry order, and then, while the journal cannot be written
 * ({@link JournalLink#journalling()} false), from the memory buffer. Every append request of a
 * batch with journal entries is recorded before it is sent (an intent: object, position, checksum
 * before, body length and checksum, entries), and the batch's landing after it; the append a crash
 * left without a landed record is settled before the first batch by the store's length and checksum
 * ({@link AppendResolver}, without the bytes), never sent again blindly. A journal opened later
 * (after a failure at start) is settled the same way before it is read. Sender thread only.
 *
 * <p>What the journal holds is never counted unsent at the end: it stays for the next start.
 * Failures to record are reported (at most once per report interval) and do not stop delivery; a
 * crash right after one may then duplicate or lose that batch.
 */
final class JournalSource implements BatchSource {
    private final JournalLink link;
    private final EventBuffer buffer;
    private final EventLedger ledger;
    private final Batcher batcher;
    private final AppendStore store;
    private final StatusReporter status;
    private final String prefix;
    private final FailureReporter problems;
    private final long batchBytes;
    /** The journal whose pending append was settled (or had none). */
    private Journal settled;
    // The current batch: its journal entries (none when lastSeq < firstSeq) and what it took from memory.
    private Journal batchJournal;
    private long firstSeq;
    private long lastSeq = -1;
    private int memoryEvents;
    private int memoryBytes;

    JournalSource(JournalLink link, EventBuffer buffer, EventLedger ledger, AppendStore store, StatusReporter status,
            String prefix, long reportIntervalNanos, long batchBytes) {
        this.link = link;
        this.buffer = buffer;
        this.ledger = ledger;
        this.batcher = new Batcher(buffer);
        this.store = store;
        this.status = status;
        this.prefix = prefix;
        this.problems = new FailureReporter(status, prefix, reportIntervalNanos);
        this.batchBytes = batchBytes;
    }

    /** The journal's unread bytes, and the buffer's while the sender consumes it (else they are the journal thread's). */
    @Override
    public long waiting() {
        Journal j = link.journal();
        return (j == null ? 0 : j.unreadBytes()) + (link.journalling() ? 0 : buffer.usedBytes());
    }

    @Override
    public boolean batchReady() {
        Journal j = link.journal();
        return j != null && j.unreadBytes() >= batchBytes || !link.journalling() && buffer.batchReady();
    }

    @Override
    public boolean prepare(long deadlineNanos) throws AppendFailedException {
        Journal j = link.journal();
        if (j == null || j == settled) {
            return true;
        }
        AppendIntent pending = j.recovery().pending();
        if (pending != null) {
            boolean landed = landed(pending, deadlineNanos);
            try {
                j.settlePending(landed);
            } catch (IOException e) {
                problems.failed("cannot record the settling of the journal's last append", e, System.nanoTime());
            }
            status.info(prefix + "the append of " + pending + " that a stop or crash left unsettled "
                    + (landed ? "had landed: its entries are not sent again" : "had not landed: its entries are sent"));
        }
        settled = j;
        return true;
    }

    /** Whether the recorded append landed, by the object's length and checksum (and a ranged read if needed). */
    private boolean landed(AppendIntent p, long deadlineNanos) throws AppendFailedException {
        AppendAttempt attempt = new AppendAttempt(store.checksum(), p.position(), p.crcBefore(), p.crcKnown(),
                p.length(), p.bodyCrc());
        try {
            return new AppendResolver(store, p.key()).resolve(attempt, null, 0, deadlineNanos).applied();
        } catch (RolloverRequiredException e) {
            return false; // the object changed or is gone, without the batch in it
        } catch (IOException | StoreException e) {
            throw AppendFailedException.of("cannot settle the append of " + p + " left by the last run: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long fill(Batch batch) {
        Journal j = link.journal();
        long taken = 0;
        if (j != null && j == settled) {
            batchJournal = j;
            firstSeq = j.lastTakenSeq() + 1;
            try {
                for (int length = j.nextLength(); length >= 0 && batch.fits(length); length = j.nextLength()) {
                    int at = batch.reserve(length, !j.nextIsMarker());
                    j.takeNext(batch.array(), at);
                    taken += length;
                }
            } catch (IOException e) {
                problems.failed("cannot read the journal", e, System.nanoTime());
            }
            lastSeq = j.lastTakenSeq();
        }
        if (!link.journalling() && (j == null || j.unreadEntries() == 0)) {
            taken += fillFromMemory(batch);
        }
        return taken;
    }

    private long fillFromMemory(Batch batch) {
        if (!link.consumerLock().tryLock()) {
            return 0; // the journal thread is taking the buffer back
        }
        try {
            if (link.journalling()) {
                return 0;
            }
            int events = batch.events();
            int bytes = batch.length();
            long room = MemorySource.fillFromBuffer(buffer, batcher, ledger, batch);
            memoryEvents += batch.events() - events;
            memoryBytes += batch.length() - bytes;
            return room;
        } finally {
            link.consumerLock().unlock();
        }
    }

    @Override
    public void landed(Batch batch) {
        CrashPoints.reached(CrashPoints.APPEND_REPLIED);
        if (hasEntries()) {
            try {
                batchJournal.recordLanded(lastSeq);
            } catch (IOException | RuntimeException e) {
                problems.failed("cannot record in the journal that entries up to " + lastSeq + " landed", e,
                        System.nanoTime());
            }
        }
        lastSeq = -1;
        memoryEvents = 0;
        memoryBytes = 0;
    }

    private boolean hasEntries() {
        return batchJournal != null && lastSeq >= firstSeq;
    }

    @Override
    public AttemptRecorder recorder() {
        return this::aboutToAppend;
    }

    private void aboutToAppend(String key, AppendAttempt a) {
        if (!hasEntries()) {
            return;
        }
        try {
            batchJournal.recordIntent(new AppendIntent(key, a.position(), a.crcBefore(), a.crcKnown(), a.length(),
                    a.batchCrc(), firstSeq, lastSeq));
        } catch (IOException | RuntimeException e) {
            problems.failed("cannot record the append of " + a + " in the journal", e, System.nanoTime());
        }
    }

    @Override
    public long[] remainingAtEnd(Batch batch) {
        long events = memoryEvents;
        long bytes = memoryBytes;
        if (!link.journalling() && link.tryConsumer(100)) {
            try {
                if (!link.journalling()) {
                    long[] left = buffer.drainRemaining();
                    events += left[0];
                    bytes += left[1];
                }
            } finally {
                link.consumerLock().unlock();
            }
        }
        return new long[] {events, bytes};
    }

    /** Entries of the current batch taken from the journal (they stay in it until they land). */
    long inFlightEntries() {
        return hasEntries() ? lastSeq - firstSeq + 1 : 0;
    }
}
