package io.github.appendlog.journal;

import java.util.Collections;
import java.util.List;

/** What {@link Journal#open} found in the directory. */
public final class JournalRecovery {
    private final long backlogEntries;
    private final long backlogBytes;
    private final long lostEvents;
    private final List<String> problems;
    private final boolean recordsLost;
    private final AppendIntent pending;
    private final long landedSeq;

    public JournalRecovery(long backlogEntries, long backlogBytes, long lostEvents, List<String> problems,
            boolean recordsLost, AppendIntent pending, long landedSeq) {
        this.backlogEntries = backlogEntries;
        this.backlogBytes = backlogBytes;
        this.lostEvents = lostEvents;
        this.problems = Collections.unmodifiableList(problems);
        this.recordsLost = recordsLost;
        this.pending = pending;
        this.landedSeq = landedSeq;
    }

    /** Entries (events and marker lines) journalled and not known to have landed: the backlog to append first. */
    public long backlogEntries() {
        return backlogEntries;
    }

    /** Their bytes. */
    public long backlogBytes() {
        return backlogBytes;
    }

    /**
     * Journalled events found unreadable (a torn or corrupt frame, a missing segment), counted
     * exactly from the sequence numbers around them; 0 when nothing was lost.
     */
    public long lostEvents() {
        return lostEvents;
    }

    /** One message per thing found and repaired (truncated tail, file moved aside, ...), for a WARN each. */
    public List<String> problems() {
        return problems;
    }

    /**
     * True when the append records were unreadable: what landed is unknown, the whole backlog is
     * appended again (at least once: some entries may appear twice).
     */
    public boolean recordsLost() {
        return recordsLost;
    }

    /** The append whose outcome was not recorded (to settle before anything is sent), or null. */
    public AppendIntent pending() {
        return pending;
    }

    /** Every entry up to this sequence number is known to have landed (0: none). */
    public long landedSeq() {
        return landedSeq;
    }

    @Override
    public String toString() {
        return "JournalRecovery{backlogEntries=" + backlogEntries + ", backlogBytes=" + backlogBytes + ", lostEvents="
                + lostEvents + ", recordsLost=" + recordsLost + ", pending=" + pending + ", landedSeq=" + landedSeq
                + ", problems=" + problems + "}";
    }
}
