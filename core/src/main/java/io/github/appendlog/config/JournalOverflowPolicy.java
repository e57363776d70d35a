package io.github.appendlog.config;

/** What the journal does when its files reach {@code maxJournalBytes} ({@code journalOverflowPolicy}). */
public enum JournalOverflowPolicy {
    /** Drop the events that do not fit, counted (default): nothing ever waits for the disk. */
    DROP_NEWEST,
    /** Delete the oldest segment that is not being written, counting the events in it not yet appended. */
    DROP_OLDEST
}
