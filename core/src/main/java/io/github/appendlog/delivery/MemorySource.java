package io.github.appendlog.delivery;

import io.github.appendlog.buffer.Batch;
import io.github.appendlog.buffer.Batcher;
import io.github.appendlog.buffer.EventBuffer;
import io.github.appendlog.status.EventLedger;

/** Batches straight from the memory buffer (no journal): what is not appended by the end is unsent. */
final class MemorySource implements BatchSource {
    private final EventBuffer buffer;
    private final EventLedger ledger;
    private final Batcher batcher;

    MemorySource(EventBuffer buffer, EventLedger ledger) {
        this.buffer = buffer;
        this.ledger = ledger;
        this.batcher = new Batcher(buffer);
    }

    @Override
    public long waiting() {
        return buffer.usedBytes();
    }

    @Override
    public boolean batchReady() {
        return buffer.batchReady();
    }

    @Override
    public boolean prepare(long deadlineNanos) {
        return true;
    }

    @Override
    public long fill(Batch batch) {
        return fillFromBuffer(buffer, batcher, ledger, batch);
    }

    /** The buffer's events into {@code batch}, after a marker line for drops not marked yet; returns their room. */
    static long fillFromBuffer(EventBuffer buffer, Batcher batcher, EventLedger ledger, Batch batch) {
        if (buffer.isEmpty()) {
            return 0;
        }
        byte[] marker = ledger.takeMarkerLine();
        if (marker != null && batch.fits(marker.length)) {
            batch.addUncounted(marker);
        }
        batcher.fill(batch);
        return batcher.roomTaken();
    }

    @Override
    public void landed(Batch batch) {
        // Nothing to record: the buffer's room was freed when the batch was formed.
    }

    @Override
    public AttemptRecorder recorder() {
        return AttemptRecorder.NONE;
    }

    @Override
    public long[] remainingAtEnd(Batch batch) {
        long[] left = buffer.drainRemaining();
        return new long[] {batch.events() + left[0], batch.length() + left[1]};
    }
}
