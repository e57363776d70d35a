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
    /** A fill teaches the buffer what events take beyond their bytes once it moved at least this much. */
    static final int LEARN_FROM_BYTES = 4 * 1024;
    private final EventBuffer buffer;
    private long roomTaken;

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
        long room = 0;
        int lengthBefore = batch.length();
        try {
            for (int length = buffer.nextLength(); length >= 0; length = buffer.nextLength()) {
                if (!batch.fits(length)) {
                    return true;
                }
                batch.addFrom(buffer, length);
                taken += EventBuffer.roomOf(length);
                if (taken >= RELEASE_STEP_BYTES) {
                    buffer.release(taken);
                    room += taken;
                    taken = 0;
                }
            }
            return false;
        } finally {
            buffer.release(taken);
            roomTaken = room + taken;
            int bytes = batch.length() - lengthBefore;
            if (bytes >= LEARN_FROM_BYTES) {
                buffer.learnRoomPerByte(roomTaken, bytes);
            }
        }
    }

    /** The buffer room the events taken by the last {@link #fill} had ({@link EventBuffer#roomOf} each). */
    public long roomTaken() {
        return roomTaken;
    }
}
