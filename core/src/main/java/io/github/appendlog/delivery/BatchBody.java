package io.github.appendlog.delivery;

import io.github.appendlog.buffer.Batch;
import io.github.appendlog.config.Compression;

/**
 * What a batch is sent as: its bytes as they are, or (with {@code compression=gzip}) one complete
 * gzip member of them. {@link #set} fixes the bytes once, before the batch's first attempt; every
 * retry, settling and rollover then sends exactly these bytes. Sender thread only.
 */
final class BatchBody {
    private final GzipMember gzip; // null: sent as they are
    private byte[] array;
    private int length;

    BatchBody(Compression compression, int level) {
        this.gzip = compression == Compression.GZIP ? new GzipMember(level) : null;
    }

    /** Makes the bytes of {@code batch} (or their gzip member) the body; the batch must not change until it lands. */
    void set(Batch batch) {
        if (gzip == null) {
            array = batch.array();
            length = batch.length();
        } else {
            gzip.compress(batch.array(), 0, batch.length());
            array = gzip.array();
            length = gzip.length();
        }
    }

    /** The backing array; bytes {@code [0, length())} are the body. */
    byte[] array() {
        return array;
    }

    int length() {
        return length;
    }

    /** Frees the compressor's native memory (at the sender's end). */
    void close() {
        if (gzip != null) {
            gzip.close();
        }
    }
}
