package io.github.appendlog.journal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the journal thread ({@link JournalStage}) and the sender share: the open journal (none while
 * it cannot be opened) and who consumes the memory buffer. Normally the journal thread does (it
 * writes the buffer's events to the journal, and the sender reads the journal); while the journal
 * cannot be opened or written, the sender does (memory-only), after the journal's backlog. The
 * buffer has one consumer at a time: whoever takes from it holds {@link #consumerLock()} and checks
 * the mode under it, and the mode changes only under it.
 */
public final class JournalLink {
    private final ReentrantLock consumer = new ReentrantLock();
    private volatile Journal journal;
    private volatile boolean journalling;

    /** The open journal, or null. */
    public Journal journal() {
        return journal;
    }

    /** Whether the journal thread consumes the memory buffer (else the sender does). */
    public boolean journalling() {
        return journalling;
    }

    /** Held by whoever takes events from the memory buffer, for as long as it does. */
    public ReentrantLock consumerLock() {
        return consumer;
    }

    /** The sender at its end: takes the lock if the journal thread lets go of it within {@code millis}. */
    public boolean tryConsumer(long millis) {
        try {
            return consumer.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The journal thread: a journal was opened. */
    void attach(Journal j) {
        this.journal = j;
    }

    /** The journal thread, holding the lock: it consumes the buffer from now on (true) or the sender does (false). */
    void journalling(boolean on) {
        if (!consumer.isHeldByCurrentThread()) {
            throw new IllegalStateException("the buffer's consumer changes only under its lock");
        }
        this.journalling = on;
    }
}
