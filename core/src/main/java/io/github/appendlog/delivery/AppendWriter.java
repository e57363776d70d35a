package io.github.appendlog.delivery;

import io.github.appendlog.status.StatusReporter;
import io.github.appendlog.store.AppendReply;
import io.github.appendlog.store.AppendStore;
import io.github.appendlog.store.ObjectChecksum;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.store.StoreException;
import java.io.IOException;
import java.util.Objects;

/**
 * Appends batches to one append object at the tracked position, exactly once, through any
 * {@link AppendStore} (docs/append-protocol.md §6).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #open()} HEADs the key (§6.2): missing means position 0 and checksum 0; an Appendable
 *       object is resumed at its length and checksum; any other type gives
 *       {@link RolloverRequiredException} ({@code NOT_APPENDABLE}). {@link #append} opens lazily if
 *       {@code open()} was not called.
 *   <li>{@link #append} returns the new position. {@link RolloverRequiredException}: the batch was
 *       NOT applied and this object cannot take it; the caller sends it to the next key (§6.8).
 *       {@link AppendFailedException}: retries ran out, the deadline came, or the store refused
 *       (authentication, bucket, bad request); the caller keeps the batch and calls {@code append}
 *       with the SAME bytes later, and the writer first finds out whether the failed attempt landed,
 *       so the batch lands exactly once across those calls (§6.7). If the caller instead gives up on
 *       the batch and appends different bytes, the writer still settles the earlier attempt first
 *       (by length and checksum) so the position stays right.
 *   <li>Every reply is verified (§5, §6.6): next position {@code == pos + len} and, when the reply
 *       carries one, the whole-object checksum ({@link AppendStore#checksum()}) {@code ==
 *       combine(checksumBefore, checksum(batch), len)}. A mismatch is reported as an error and
 *       settled like a conflict; if the batch did land, the call succeeds and the next one asks for
 *       a {@code CONFLICT} rollover.
 *   <li>Settling (§6.5, {@link AppendResolver}) that finds the object's content before the batch is
 *       not what this writer appended (replaced) does the same: batch there, the call succeeds and
 *       the next asks for a rollover; batch not there, the call asks for it. Either way one error
 *       names the object, and nothing more is appended to it.
 *   <li>I/O errors, 5xx and throttling are retried with capped exponential backoff up to
 *       {@code maxRetries}, never waiting past {@code deadlineNanos} ({@link System#nanoTime()}
 *       scale); the first attempt is always made. After any ambiguous outcome (I/O error, a
 *       request cancelled at its deadline, 5xx; §6.4), a 409 PositionNotEqualToLength or a 404
 *       NoSuchKey (the object was deleted: recreated at 0 if this writer had appended nothing to it,
 *       else a {@code CONFLICT} rollover) the writer proves whether the batch landed before sending
 *       again; it never re-sends at a new offset without that proof.
 * </ul>
 *
 * <p>Not thread-safe: one sender thread calls {@code open}/{@code append}; {@link #position()} and
 * {@link #checksum()} may be read from any thread.
 */
final class AppendWriter {
    private final AppendStore client;
    private final ObjectChecksum checksum;
    private final String key;
    private final WriterOptions options;
    private final StatusReporter status;
    private final WriterRetries retries;
    private final AppendResolver resolver;

    private volatile long position;
    private volatile long crc;
    private boolean crcKnown = true;
    private boolean opened;
    /** The attempt whose outcome is unknown, or null. */
    private AppendAttempt pending;
    /** Set once the object cannot take more appends; every later append asks for a rollover. */
    private RolloverRequiredException.Reason refusal;

    AppendWriter(AppendStore client, String key, WriterOptions options, StatusReporter status) {
        this.client = Objects.requireNonNull(client, "client");
        this.checksum = client.checksum();
        this.key = Objects.requireNonNull(key, "key");
        this.options = Objects.requireNonNull(options, "options");
        this.status = Objects.requireNonNull(status, "status");
        this.retries = new WriterRetries(options.retryPolicy(), status, key, options.onRetry());
        this.resolver = new AppendResolver(client, key);
    }

    /** HEADs the key and resumes at its end; retries transient errors without a deadline. */
    void open() throws AppendFailedException, RolloverRequiredException, InterruptedException {
        open(retries.noDeadline());
    }

    /** Like {@link #open()}, never waiting for a retry past {@code deadlineNanos}. */
    void open(long deadlineNanos)
            throws AppendFailedException, RolloverRequiredException, InterruptedException {
        int failures = 0;
        while (true) {
            WriterRetries.checkInterrupted();
            try {
                ObjectInfo info = client.head(key, deadlineNanos);
                if (info == null) {
                    adopt(0, 0, true);
                    status.info("object '" + key + "' does not exist yet; the first append creates it");
                } else if (!info.appendable()) {
                    refusal = RolloverRequiredException.Reason.NOT_APPENDABLE;
                    throw new RolloverRequiredException(refusal, key, "object '" + key + "' in "
                            + client.describe() + " is a " + info.type() + " object, not appendable", null);
                } else {
                    adopt(info.length(), info.checksum(), info.hasChecksum());
                    status.info("resuming object '" + key + "' at position " + info.length());
                }
                opened = true;
                return;
            } catch (IOException | StoreException e) {
                if (!WriterRetries.retryable(e)) {
                    throw retries.failed("cannot open object '" + key + "'", e, pending != null);
                }
                failures++;
                retries.awaitRetry(failures, deadlineNanos, "opening object '" + key + "'", e, pending != null);
            }
        }
    }

    /**
     * Appends {@code data[offset, offset+length)} at the tracked position and returns the new position.
     *
     * @param deadlineNanos no retry wait ends past this {@link System#nanoTime()} value
     */
    long append(byte[] data, int offset, int length, long deadlineNanos)
            throws RolloverRequiredException, AppendFailedException, InterruptedException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (refusal != null) {
            throw new RolloverRequiredException(refusal, key, "object '" + key
                    + "' takes no more appends (" + refusal + "); roll over to the next key", null);
        }
        if (!opened) {
            open(deadlineNanos);
        }
        long batchCrc = checksum.compute(data, offset, length);
        int failures = 0;
        int conflicts = 0;
        boolean suspect = false;
        while (true) {
            WriterRetries.checkInterrupted();
            try {
                if (pending != null) {
                    AppendAttempt attempt = pending;
                    boolean ours = attempt.sameBatch(length, batchCrc);
                    AppendResolver.Resolution r = resolveOrRefuse(attempt, ours ? data : null, offset, deadlineNanos);
                    pending = null;
                    adopt(r.position(), r.crc(), r.crcKnown());
                    if (r.replaced() != null) { // landed on an object replaced before it: no more appends
                        RolloverRequiredException refused = refuse(RolloverRequiredException.Reason.CONFLICT, r.replaced());
                        if (!ours) {
                            throw refused;
                        }
                        return succeeded();
                    }
                    if (r.applied() && ours) {
                        status.info("the append of " + attempt + " to '" + key
                                + "' had landed; continuing at position " + r.position());
                        if (suspect) {
                            refusal = RolloverRequiredException.Reason.CONFLICT;
                        }
                        return succeeded();
                    }
                    if (r.applied()) {
                        status.warn("an earlier append of " + attempt + " to '" + key
                                + "' that failed had landed after all, but its batch was not sent again");
                    } else if (suspect) {
                        throw refuse(RolloverRequiredException.Reason.CONFLICT, "object '" + key
                                + "' acknowledged an append of " + attempt + " but does not hold those bytes");
                    }
                }
                if (length == 0) {
                    return succeeded();
                }
                if (position + length > options.maxObjectBytes()) {
                    throw new RolloverRequiredException(RolloverRequiredException.Reason.SIZE_LIMIT, key,
                            "appending " + length + " bytes at position " + position + " would take object '" + key
                                    + "' past maxObjectBytes " + options.maxObjectBytes(), null);
                }
                AppendAttempt attempt = new AppendAttempt(checksum, position, crc, crcKnown, length, batchCrc);
                AppendReply reply = send(attempt, data, offset, deadlineNanos);
                if (verified(reply, attempt)) {
                    return succeeded();
                }
                suspect = true;
                pending = attempt;
            } catch (IOException e) {
                failures++;
                retries.awaitRetry(failures, deadlineNanos, describe(length), e, pending != null);
            } catch (StoreException e) {
                switch (e.kind()) {
                    case POSITION_MISMATCH:
                    case NO_SUCH_KEY: // deleted under us: the resolver's HEAD decides (recreate at 0 or roll over)
                        conflicts++;
                        if (conflicts > options.maxConflicts()) {
                            throw retries.failed(describe(length) + " lost to other writers " + conflicts + " times", e,
                                    pending != null);
                        }
                        status.info(describe(length) + ": " + e.getMessage()
                                + "; checking whether it landed");
                        break;
                    case NOT_APPENDABLE:
                        pending = null;
                        throw refuse(RolloverRequiredException.Reason.NOT_APPENDABLE, e.getMessage());
                    case SIZE_LIMIT:
                        pending = null;
                        throw new RolloverRequiredException(RolloverRequiredException.Reason.SIZE_LIMIT, key,
                                e.getMessage(), e);
                    default:
                        if (!e.kind().retryable()) {
                            throw retries.failed(describe(length) + " failed", e, pending != null);
                        }
                        failures++;
                        retries.awaitRetry(failures, deadlineNanos, describe(length), e, pending != null);
                }
            }
        }
    }

    /** The position the next append goes to (the object's length as this writer knows it). */
    long position() {
        return position;
    }

    /** The whole object's checksum ({@link AppendStore#checksum()}) as this writer knows it. */
    long checksum() {
        return crc;
    }

    String key() {
        return key;
    }

    /**
     * True while an append whose outcome is unknown waits to be settled by the next {@link #append}.
     * A caller that wants to drop this writer (e.g. to move to the next key) should first append
     * the same bytes again through it, or the batch could land twice: once here, once there.
     */
    boolean hasUnresolvedAttempt() {
        return pending != null;
    }

    private AppendReply send(AppendAttempt attempt, byte[] data, int offset, long deadlineNanos)
            throws IOException, StoreException {
        options.recorder().aboutToAppend(key, attempt);
        try {
            return client.append(key, attempt.position(), data, offset, attempt.length(), deadlineNanos);
        } catch (IOException e) {
            pending = attempt;
            throw e;
        } catch (StoreException e) {
            if (e.kind() == StoreErrorKind.TRANSIENT || e.kind() == StoreErrorKind.POSITION_MISMATCH
                    || e.kind() == StoreErrorKind.NO_SUCH_KEY) {
                pending = attempt;
            }
            throw e;
        }
    }

    private boolean verified(AppendReply reply, AppendAttempt attempt) {
        if (attempt.acknowledgedBy(reply)) {
            boolean known = reply.hasChecksum() || attempt.crcKnown();
            adopt(attempt.end(), reply.hasChecksum() ? reply.checksum() : attempt.expectedCrc(), known);
            return true;
        }
        status.error("object '" + key + "' acknowledged an append of " + attempt + " with "
                + attempt.mismatch(reply) + "; another writer changed the object or data was corrupted; checking it");
        return false;
    }

    private AppendResolver.Resolution resolveOrRefuse(AppendAttempt attempt, byte[] data, int offset,
            long deadlineNanos) throws IOException, StoreException, RolloverRequiredException {
        try {
            return resolver.resolve(attempt, data, offset, deadlineNanos);
        } catch (RolloverRequiredException e) {
            pending = null;
            refusal = e.reason();
            status.warn(e.getMessage(), null);
            throw e;
        }
    }

    private RolloverRequiredException refuse(RolloverRequiredException.Reason reason, String message) {
        refusal = reason;
        if (reason == RolloverRequiredException.Reason.CONFLICT) {
            status.warn(message, null);
        }
        return new RolloverRequiredException(reason, key, message, null);
    }

    private long succeeded() {
        retries.succeeded();
        return position;
    }

    private String describe(int length) {
        return "append of " + length + " bytes to '" + key + "' at position " + position;
    }

    private void adopt(long newPosition, long newCrc, boolean known) {
        position = newPosition;
        crc = newCrc;
        crcKnown = known;
    }
}
