package io.github.appendlog.delivery;

import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Turns the key pattern into a sequence of append objects and keeps one {@link AppendWriter} on
 * the current one. When a batch's period (the formatted {@code %d} tokens) differs from the
 * current one, the period's objects are found by listing the keys under its index prefix (every
 * page) and the writer resumes the highest index that matches the pattern exactly (compared as a
 * number; keys whose index part is not a decimal number are ignored), or index 0 when there is
 * none. Whenever the writer asks for a rollover (object full, not appendable, deleted or otherwise
 * conflicting), the same batch goes to the next index. If the listing is refused (for example no
 * {@code oss:ListObjects} permission), the period starts at index 0 and moves up one rollover at a
 * time, as far as {@value #MAX_ROLLOVERS_PER_CALL} per call. Sender thread only.
 */
final class RollingObjectWriter {
    /** Rollovers one call may make before it gives up for now (only a misbehaving store needs this). */
    private static final int MAX_ROLLOVERS_PER_CALL = 100;

    private final AppendStore client;
    private final ObjectKeyPattern pattern;
    private final WriterOptions options;
    private final StatusReporter status;
    private String period;
    private Instant periodStart;
    private int index;
    private AppendWriter writer;
    /** The period changed and its newest index is not known yet. */
    private boolean discover;
    private boolean listRefusalReported;

    RollingObjectWriter(AppendStore client, ObjectKeyPattern pattern, WriterOptions options, StatusReporter status) {
        this.client = client;
        this.pattern = pattern;
        this.options = options;
        this.status = status;
    }

    /**
     * Chooses the object for a batch begun at {@code batchStart}; call once per batch, before its
     * first {@link #append} (never between retries of the same batch: the writer makes retries
     * exactly-once only on the same object).
     */
    void beginBatch(Instant batchStart) {
        String p = pattern.period(batchStart);
        if (!p.equals(period)) {
            period = p;
            periodStart = batchStart;
            index = 0;
            writer = null;
            discover = true;
        }
    }

    /** Appends the batch, rolling over as often as needed; returns the object's new length. */
    long append(byte[] data, int offset, int length, long deadlineNanos)
            throws AppendFailedException, InterruptedException {
        if (discover) {
            index = newestIndex(deadlineNanos);
            discover = false;
        }
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
                status.info("rolling over from " + location(from) + " to " + currentKey() + " ("
                        + e.reason() + "): " + e.getMessage());
            }
        }
    }

    /**
     * The highest index of the current period in the store, or 0. A listing that fails for a
     * transient reason or a missing bucket fails the call (the batch waits and the listing is tried
     * again); any other refusal (e.g. no permission to list) is reported once and the period starts at 0.
     */
    private int newestIndex(long deadlineNanos) throws AppendFailedException {
        String prefix = pattern.indexPrefix(periodStart);
        List<String> keys;
        try {
            keys = client.list(prefix, deadlineNanos);
        } catch (IOException e) {
            discover = true;
            throw new AppendFailedException("cannot list " + location(prefix) + "* to find the object to resume: "
                    + e.getMessage(), e, null, null, true);
        } catch (StoreException e) {
            if (e.kind().retryable() || e.kind() == StoreErrorKind.NO_SUCH_BUCKET) {
                discover = true;
                throw AppendFailedException.of("cannot list " + location(prefix) + "* to find the object to resume: "
                        + e.getMessage(), e);
            }
            if (!listRefusalReported) {
                listRefusalReported = true;
                status.warn("cannot list " + location(prefix) + "* (" + e.getMessage()
                        + "); starting at index 0 and rolling over one object at a time (allow listing"
                        + " to resume the newest object directly)", null);
            }
            return 0;
        }
        int newest = 0;
        for (String key : keys) {
            newest = Math.max(newest, pattern.indexOf(periodStart, key));
        }
        if (newest > 0) {
            status.info("the newest object of this period is " + location(pattern.key(periodStart, newest)));
        }
        return newest;
    }

    /** The key the next append goes to (null before the first batch). */
    String currentKey() {
        return periodStart == null ? null : pattern.key(periodStart, index);
    }

    /** Where the current object is, for messages (e.g. {@code oss://bucket/key}). */
    String currentLocation() {
        String key = currentKey();
        return location(key == null ? pattern.toString() : key);
    }

    private String location(String key) {
        return client.location(key);
    }
}
