package io.github.appendlog.delivery;

import io.github.appendlog.store.StoreErrorKind;
import io.github.appendlog.store.StoreException;

/**
 * The batch could not be appended now: retries were exhausted, the deadline came, or the store
 * gave a non-retryable error (authentication, missing bucket, bad request). The caller keeps the
 * batch and later calls {@link AppendWriter#append} with the same bytes: the writer then first
 * finds out whether the failed attempt landed, so the batch lands exactly once.
 */
final class AppendFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final StoreErrorKind kind;
    private final String errorCode;
    private final boolean retryable;

    /**
     * @param kind the store's error kind, or null for an I/O failure or a deadline
     * @param errorCode the OSS error code, or null
     * @param retryable whether sending the batch again later may succeed without a fix by the user
     */
    AppendFailedException(String message, Throwable cause, StoreErrorKind kind, String errorCode,
            boolean retryable) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    static AppendFailedException of(String message, Throwable cause) {
        if (cause instanceof StoreException) {
            StoreException e = (StoreException) cause;
            return new AppendFailedException(message, e, e.kind(), e.errorCode(),
                    e.kind().retryable() || e.kind() == StoreErrorKind.POSITION_MISMATCH);
        }
        return new AppendFailedException(message, cause, null, null, true);
    }

    /** The store's error kind, or null for I/O failures and deadlines. */
    StoreErrorKind kind() {
        return kind;
    }

    /** The store's error code such as {@code SignatureDoesNotMatch}, or null. */
    String errorCode() {
        return errorCode;
    }

    /**
     * True for transient trouble (I/O, 5xx, throttling, deadline); false when the user must fix
     * something (credentials, bucket, permissions) before appends can succeed.
     */
    boolean retryable() {
        return retryable;
    }
}
