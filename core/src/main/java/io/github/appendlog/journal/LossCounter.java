package io.github.appendlog.journal;

/**
 * Open's rule for what counts as lost: a missing or unreadable entry is lost unless it landed (up
 * to the landed sequence number) or belongs to the pending intent (whether it landed is settled
 * later by the store).
 */
final class LossCounter {
    private final long landedSeq;
    private final long pendingFirst;
    private final long pendingLast;

    LossCounter(long landedSeq, AppendIntent pending) {
        this.landedSeq = landedSeq;
        this.pendingFirst = pending == null ? 1 : pending.firstSeq();
        this.pendingLast = pending == null ? 0 : pending.lastSeq();
    }

    boolean counts(long seq) {
        return seq > landedSeq && (seq < pendingFirst || seq > pendingLast);
    }

    /** Entries among the sequence numbers {@code [from, to)} that count. */
    long entries(long from, long to) {
        long lo = Math.max(from, landedSeq + 1);
        if (to <= lo) {
            return 0;
        }
        long n = to - lo;
        long overlapLo = Math.max(lo, pendingFirst);
        long overlapHi = Math.min(to, pendingLast + 1);
        return overlapHi > overlapLo ? n - (overlapHi - overlapLo) : n;
    }
}
