package io.github.appendlog.intake;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@link HandoffRing}'s positions taken without a slot: producers publish them in any order into
 * a lock-free queue; the ring's consumer takes each when the ring's head reaches its position.
 */
final class PositionsWithoutSlot {
    private final ConcurrentLinkedQueue<Entry> published = new ConcurrentLinkedQueue<>();
    /** Consumer only: entries taken from {@link #published} before their turn, by position. */
    private final PriorityQueue<Entry> early = new PriorityQueue<>(Comparator.comparingLong(e -> e.position));

    /** Producers: the event of a position taken without a slot. */
    void publish(long position, Object event, Object encoder, long reserved, int hint) {
        published.add(new Entry(position, event, encoder, reserved, hint));
    }

    /**
     * Consumer: the entry of {@code position}, taken out, if it was published; else null. Entries
     * are published nearly in position order (a producer publishes right after it claims), so those
     * that come early wait in a small heap and the rest are taken straight from the queue.
     */
    Entry take(long position) {
        Entry first = early.peek();
        if (first != null && first.position == position) {
            return early.poll();
        }
        for (Entry e = published.poll(); e != null; e = published.poll()) {
            if (e.position == position) {
                return e;
            }
            early.add(e);
        }
        return null;
    }

    /**
     * Anyone, for a consumer that cannot take (stuck in an encoder): the entries published and not yet
     * taken. A snapshot, walking the queue: exact when the consumer and the producers stand still.
     */
    int waiting() {
        return published.size() + early.size();
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
