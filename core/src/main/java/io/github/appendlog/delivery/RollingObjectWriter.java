package io.github.appendlog.delivery;

import io.github.appendlog.delivery.ObjectKeyPattern;
import io.github.appendlog.oss.AppendStoreClient;
import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.delivery.AppendFailedException;
import io.github.appendlog.delivery.AppendWriter;
import io.github.appendlog.delivery.RolloverRequiredException;
import io.github.appendlog.delivery.WriterOptions;
import java.time.Instant;

/**
 * Turns the key pattern into a sequence of append objects and keeps one {@link AppendWriter} on
 * the current one. A batch whose period (the formatted {@code %d} tokens) differs from the current
 * one starts the new period at index 0. Whenever the writer asks for a rollover (object full, not
 * appendable, or conflicting), the same batch goes to the next index. Because each writer resumes an
 * existing object at its end, and an object that is full or not appendable makes the loop move on,
 * a restarted application continues in the object it was writing: probing by HEAD from index 0.
 * Sender thread only.
 */
public final class RollingObjectWriter {
    /** Rollovers one call may make before it gives up for now (only a misbehaving store needs this). */
    private static final int MAX_ROLLOVERS_PER_CALL = 100;

    private final AppendStoreClient client;
    private final ObjectKeyPattern pattern;
    private final WriterOptions options;
    private final StatusReporter status;
    private final String bucket;
    private String period;
    private Instant periodStart;
    private int index;
    private AppendWriter writer;

    public RollingObjectWriter(AppendStoreClient client, ObjectKeyPattern pattern, WriterOptions options, StatusReporter status,
            String bucket) {
        this.client = client;
        this.pattern = pattern;
        this.options = options;
        this.status = status;
        this.bucket = bucket;
    }

    /**
     * Chooses the object for a batch begun at {@code batchStart}; call once per batch, before its
     * first {@link #append} (never between retries of the same batch: the writer makes retries
     * exactly-once only on the same object).
     */
    public void beginBatch(Instant batchStart) {
        String p = pattern.period(batchStart);
        if (!p.equals(period)) {
            period = p;
            periodStart = batchStart;
            index = 0;
            writer = null;
        }
    }

    /** Appends the batch, rolling over as often as needed; returns the object's new length. */
    public long append(byte[] data, int offset, int length, long deadlineNanos)
            throws AppendFailedException, InterruptedException {
        for (int rollovers = 0; ; rollovers++) {
            if (writer == null) {
                writer = new AppendWriter(client, pattern.key(periodStart, index), options, status);
            }
            try {
                return writer.append(data, offset, length, deadlineNanos);
            } catch (RolloverRequiredException e) {
                String from = writer.key();
                index++;
                writer = null;
                if (rollovers >= MAX_ROLLOVERS_PER_CALL) {
                    throw new AppendFailedException("gave up after " + rollovers + " rollovers in a row, the last from "
                            + location(from) + " (" + e.reason() + "): " + e.getMessage(), e, null, null, true);
                }
                status.info("appendlog: rolling over from " + location(from) + " to " + currentKey() + " ("
                        + e.reason() + "): " + e.getMessage());
            }
        }
    }

    /** The key the next append goes to (null before the first batch). */
    public String currentKey() {
        return periodStart == null ? null : pattern.key(periodStart, index);
    }

    /** {@code oss://bucket/key} of the current object, for messages. */
    public String currentLocation() {
        String key = currentKey();
        return key == null ? "oss://" + bucket + "/" + pattern : location(key);
    }

    private String location(String key) {
        return "oss://" + bucket + "/" + key;
    }
}
