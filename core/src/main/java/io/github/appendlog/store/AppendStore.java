package io.github.appendlog.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The store seam: what the delivery layer needs from an append-object store (OSS AppendObject now;
 * each store is a package that implements this and maps its error replies to
 * {@link StoreErrorKind}s). Each call is one logical request with no retry: retrying is the
 * writer's job, because an append is not idempotent. Every call ends by {@code deadlineNanos}
 * ({@link System#nanoTime()} scale) or the store's own request timeout, whichever comes first,
 * sending included.
 *
 * <p>An {@link IOException} means the outcome is unknown (timeout, cancelled at the deadline,
 * connection reset, no reply); a {@link StoreException} is a reply that says what went wrong.
 */
public interface AppendStore extends Closeable {

    /**
     * Appends {@code data[offset, offset+length)} to {@code key} if and only if the object's length
     * is {@code position} (position 0 creates the object). The append is atomic.
     */
    AppendReply append(String key, long position, byte[] data, int offset, int length, long deadlineNanos)
            throws IOException, StoreException;

    /** The object's length, type and checksum; null when it does not exist. */
    ObjectInfo head(String key, long deadlineNanos) throws IOException, StoreException;

    /** Bytes {@code first..lastInclusive} of the object. */
    byte[] getRange(String key, long first, long lastInclusive, long deadlineNanos) throws IOException, StoreException;

    /** Every key that starts with {@code prefix} (all pages), in the store's order. */
    List<String> list(String prefix, long deadlineNanos) throws IOException, StoreException;

    /** The checksum its replies and HEADs carry. */
    ObjectChecksum checksum();

    /** Where {@code key} is, for messages, e.g. {@code oss://bucket/key}. */
    String location(String key);

    /** A short description for messages, e.g. {@code oss://bucket at http://127.0.0.1:9000}. */
    String describe();
}
