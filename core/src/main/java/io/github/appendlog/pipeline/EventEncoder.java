package io.github.appendlog.pipeline;

import java.nio.ByteBuffer;

/**
 * Turns an adapter's event into the bytes that go into the object (one complete line, or lines, with
 * their separator). Called on the pipeline's encoder thread, one event at a time, in the order the
 * events were offered; on a logging thread only when that thread helps a full hand-off along.
 *
 * @param <E> the adapter's event type (a copy that may cross threads)
 */
@FunctionalInterface
public interface EventEncoder<E> {
    /**
     * @return the event's bytes, as the remaining bytes (position to limit) of a heap buffer; the
     *     pipeline copies them before it calls again, so the buffer may be reused
     */
    ByteBuffer encode(E event);
}
