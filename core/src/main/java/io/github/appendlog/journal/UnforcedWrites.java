package io.github.appendlog.journal;

import io.github.appendlog.config.JournalSync;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Since when a file has writes not yet forced to the disk, and when forcing them is due: with
 * {@code journalSync=INTERVAL}, one interval after the first unforced write. Written from the
 * thread that writes, cleared by whichever thread forces.
 */
final class UnforcedWrites {
    private final JournalSync sync;
    private final long intervalNanos;
    private final AtomicLong since = new AtomicLong();

    UnforcedWrites(JournalOptions options) {
        this.sync = options.sync();
        this.intervalNanos = options.syncInterval().toNanos();
    }

    void written() {
        since.compareAndSet(0, System.nanoTime() | 1);
    }

    /** Nanoseconds until forcing is due; Long.MAX_VALUE when nothing is unforced or the setting is not INTERVAL. */
    long nanosUntilDue() {
        long s = since.get();
        if (sync != JournalSync.INTERVAL || s == 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, s + intervalNanos - System.nanoTime());
    }

    /** Before a force: takes the mark (give it back with {@link #restore} when the force fails). */
    long take() {
        return since.getAndSet(0);
    }

    void restore(long mark) {
        since.compareAndSet(0, mark);
    }
}
