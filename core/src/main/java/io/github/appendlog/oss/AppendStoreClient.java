package io.github.appendlog.oss;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The store seam: the calls an append writer needs. {@code OssHttpClient} speaks to OSS over
 * HTTP; tests may use fakes. Each call is one request with no retry: retrying is the writer's job,
 * because an append is not idempotent.
 *
 * <p>An {@link IOException} means the outcome is unknown (timeout, connection reset, no reply).
 */
public interface AppendStoreClient extends Closeable {

    /**
     * {@code POST /key?append&position=N}.
     *
     * @param creating true for the append that creates the object (position 0): only then are the
     *     creation-only headers (Content-Type, metadata) sent
     */
    AppendReply append(String key, long position, byte[] data, int offset, int length, boolean creating)
            throws IOException, OssServiceException;

    /** {@code HEAD /key}; null when the object does not exist (404 NoSuchKey). */
    ObjectInfo head(String key) throws IOException, OssServiceException;

    /** {@code GET /key} with {@code Range: bytes=first-lastInclusive}. */
    byte[] getRange(String key, long first, long lastInclusive) throws IOException, OssServiceException;

    /**
     * The keys that start with {@code prefix}, in the store's order, every page of the listing
     * (OSS: {@code GET /?list-type=2&prefix=...&continuation-token=...}).
     */
    List<String> list(String prefix) throws IOException, OssServiceException;

    /** A short description for messages, e.g. {@code oss://bucket at http://127.0.0.1:9000}. */
    String describe();
}
