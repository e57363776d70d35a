package io.github.appendlog.batch;

import io.github.appendlog.buffer.EventBuffer;

/**
 * Moves whole events from the buffer into a batch, in order, until the buffer is empty or the next
 * event does not fit. Sender thread only.
 */
public final class Batcher {
    private final EventBuffer buffer;

    public Batcher(EventBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * Fills {@code batch} from the buffer.
     *
     * @return true when the batch is full: an event is waiting that does not fit
     */
    public boolean fill(Batch batch) {
        for (byte[] next = buffer.peek(); next != null; next = buffer.peek()) {
            if (!batch.fits(next.length)) {
                return true;
            }
            batch.add(buffer.poll());
        }
        return false;
    }
}
