package io.github.appendlog.journal;

/** What the journal found lost while running (the pipeline counts it and marks it in the object). */
public interface JournalListener {
    /**
     * {@code events} journalled events (marker entries not counted) will never be appended:
     * {@code reason} says why, e.g. "the oldest segment was deleted (journalOverflowPolicy=DROP_OLDEST)"
     * or "a bad frame in segment seg-...log".
     */
    void lost(long events, String reason);
}
