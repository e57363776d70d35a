package io.github.appendlog.log4j2;

import io.github.appendlog.pipeline.EventEncoder;
import java.io.Serializable;
import java.nio.ByteBuffer;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;
import org.apache.logging.log4j.core.util.Constants;

/**
 * Turns an event into the bytes handed to the pipeline, with the appender's layout, on whichever
 * thread encodes (the pipeline's encoder thread, or the logging thread with
 * {@code encodeOnCallerThread}). The layout encodes into a reused per-thread buffer
 * ({@link Layout#encode}, the garbage-free path the file appenders take), which the pipeline copies
 * straight into its own storage, instead of {@link Layout#toByteArray}'s String and byte[]. Where
 * Log4j2 keeps no thread-locals (web applications), or on a nested call on the same thread, it falls
 * back to {@code toByteArray}: the bytes are the same either way.
 */
final class LayoutEncoder implements EventEncoder<LogEvent> {
    private static final int INITIAL_BYTES = 1024;
    /** A buffer grown past this by one large event is dropped afterwards, so threads keep little memory. */
    private static final int KEPT_BYTES = 64 * 1024;

    private final Layout<? extends Serializable> layout;
    private final ThreadLocal<Destination> destinations;

    LayoutEncoder(Layout<? extends Serializable> layout) {
        this.layout = layout;
        this.destinations = Constants.ENABLE_THREADLOCALS ? ThreadLocal.withInitial(Destination::new) : null;
    }

    /**
     * Encodes the event: its bytes are the returned buffer's remaining bytes, valid on this thread
     * until its next call. The caller copies them (the pipeline does).
     */
    @Override
    public ByteBuffer encode(LogEvent event) {
        Destination destination = destinations == null ? null : destinations.get();
        if (destination == null || destination.inUse) {
            return ByteBuffer.wrap(layout.toByteArray(event));
        }
        destination.inUse = true;
        try {
            destination.buffer.clear();
            layout.encode(event, destination);
            return destination.buffer.flip();
        } finally {
            destination.inUse = false;
            if (destination.buffer.capacity() > KEPT_BYTES) {
                destination.buffer = ByteBuffer.allocate(INITIAL_BYTES); // the caller still holds the big one
            }
        }
    }

    /** A heap buffer that grows (doubling) when the layout fills it; one per thread. */
    static final class Destination implements ByteBufferDestination {
        ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BYTES);
        boolean inUse;

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public ByteBuffer drain(ByteBuffer buf) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(INITIAL_BYTES, buf.capacity() * 2));
            buf.flip();
            bigger.put(buf);
            buffer = bigger;
            return bigger;
        }

        @Override
        public void writeBytes(ByteBuffer data) {
            ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
        }

        @Override
        public void writeBytes(byte[] data, int offset, int length) {
            ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
        }
    }
}
