package io.github.appendlog.intake;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link HandoffRing}'s positions taken without a slot: producers publish them in any order into
 * a lock-free queue; the ring's consumer takes each when the ring's head reaches its position.
 */
final class PositionsWithoutSlot {
    private final ConcurrentLinkedQueue<Entry> published = new ConcurrentLinkedQueue<>();
    private final AtomicLong publishedCount = new AtomicLong();
    /** Written by the consumer only, read by anyone. */
    private volatile long releasedCount;
    /** Consumer only: the entries moved out of {@link #published}, by position. */
    private final PriorityQueue<Entry> inOrder = new PriorityQueue<>(Comparator.comparingLong(e -> e.position));

    /** Producers: the event of a position taken without a slot. */
    void publish(long position, Object event, Object encoder, long reserved, int hint) {
        publishedCount.incrementAndGet();
        published.add(new Entry(position, event, encoder, reserved, hint));
    }

    /** Consumer: the entry of {@code position}, taken out, if it was published; else null. */
    Entry take(long position) {
        Entry first = inOrder.peek();
        if (first == null || first.position != position) {
            for (Entry e = published.poll(); e != null; e = published.poll()) {
                inOrder.add(e);
            }
            first = inOrder.peek();
        }
        if (first == null || first.position != position) {
            return null;
        }
        return inOrder.poll();
    }

    /** Consumer: an entry taken is done with. */
    void released() {
        releasedCount++; // one writer
    }

    /** Anyone: entries published and not yet released (the one taken last included until then). */
    long pending() {
        return publishedCount.get() - releasedCount;
    }

    /** A position's event, its encoder, its reserved room and its size hint. */
    static final class Entry {
        final long position;
        final Object event;
        final Object encoder;
        final long reserved;
        final int hint;

        Entry(long position, Object event, Object encoder, long reserved, int hint) {
            this.position = position;
            this.event = event;
            this.encoder = encoder;
            this.reserved = reserved;
            this.hint = hint;
        }
    }
}
