package io.github.appendlog.buffer;

import io.github.appendlog.buffer.EventBuffer;

/**
 * Moves whole events from the buffer into a batch, in order, until the buffer is empty or the next
 * event does not fit. Sender thread only.
 */
public final class Batcher {
    /**
     * Room is freed in the buffer in steps of this many bytes, not per event: one atomic update per
     * step instead of one per event, while producers waiting for room (BLOCK) are not kept waiting
     * for a whole batch to be copied.
     */
    static final long RELEASE_STEP_BYTES = 64 * 1024;
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
        long taken = 0;
        try {
            for (int length = buffer.nextLength(); length >= 0; length = buffer.nextLength()) {
                if (!batch.fits(length)) {
                    return true;
                }
                batch.addFrom(buffer, length);
                taken += EventBuffer.roomOf(length);
                if (taken >= RELEASE_STEP_BYTES) {
                    buffer.release(taken);
                    taken = 0;
                }
            }
            return false;
        } finally {
            buffer.release(taken);
        }
    }
}
