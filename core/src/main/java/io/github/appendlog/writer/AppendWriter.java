package io.github.appendlog.writer;

/**
 * Appends batches to one append object at the tracked position, exactly once (see the issue and
 * APPEND-PROTOCOLS.md 1.9). CONTRACT (being written):
 *
 * <pre>
 * public AppendWriter(AppendStoreClient client, String key, WriterOptions options, StatusReporter status)
 * public void open() throws ...            // HEAD: learn length/type/CRC; resume at the end
 * public long append(byte[] data, int offset, int length, long deadlineNanos)
 *     throws RolloverRequiredException, AppendFailedException, InterruptedException
 *     // returns the new position; on AppendFailedException the caller retries the SAME bytes
 *     // later and the writer guarantees they land exactly once across those calls.
 * public long position(); public long crc64(); public String key();
 * </pre>
 */
public final class AppendWriter {
    private AppendWriter() {
    }
}
