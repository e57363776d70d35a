package io.github.appendlog.delivery;

import io.github.appendlog.buffer.Batch;

/**
 * Where the sender's batches come from: the memory buffer ({@link MemorySource}), or the journal
 * with the memory buffer behind it while the journal is unusable ({@link JournalSource}). Sender
 * thread only, except where a method says otherwise.
 */
interface BatchSource {
    /** What waits to be taken, in the unit {@link #fill} returns (0: nothing). */
    long waiting();

    /** Whether a full batch is waiting. */
    boolean batchReady();

    /**
     * Work that must come before the first batch (settling an append a crash left unsettled);
     * true when there is none left.
     *
     * @throws AppendFailedException it could not be done now (the sender backs off and asks again)
     */
    boolean prepare(long deadlineNanos) throws AppendFailedException, InterruptedException;

    /**
     * Fills the empty {@code batch} (a marker line first if events were dropped since the last one).
     *
     * @return what it took, in the unit of {@link #waiting}
     */
    long fill(Batch batch);

    /** The batch formed by the last {@link #fill} landed (once, before it is cleared). */
    void landed(Batch batch);

    /** Told of every append request of the current batch just before it is sent. */
    AttemptRecorder recorder();

    /**
     * The sender ended (or stop abandoned it) with {@code batch} unsent: frees what only memory
     * holds and returns it as {events, bytes} to count unsent; what the journal keeps is not counted.
     */
    long[] remainingAtEnd(Batch batch);
}
