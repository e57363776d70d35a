package io.github.appendlog.config;

/** When the journal forces what it wrote to the disk ({@code journalSync}). */
public enum JournalSync {
    /** Never: the kernel writes back on its own (a host crash loses what it had not written back yet). */
    NONE,
    /** Every {@code journalSyncInterval} (default): a host crash loses at most that interval. */
    INTERVAL,
    /** After every journal write and before every append record: a host crash loses at most the write under way. */
    ALWAYS
}
