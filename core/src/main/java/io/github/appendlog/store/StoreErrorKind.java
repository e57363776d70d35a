package io.github.appendlog.store;

/** What a store's error reply means for a writer, so that callers never match on codes or strings. */
public enum StoreErrorKind {
    /** The object's length is not the position sent (OSS: 409 PositionNotEqualToLength). */
    POSITION_MISMATCH(false),
    /** The key holds an object that takes no appends (OSS: 409 ObjectNotAppendable). */
    NOT_APPENDABLE(false),
    /** The append would take the object past the store's size or append-count limit. */
    SIZE_LIMIT(false),
    /** The credentials or permissions were refused (signature, key id, access denied, clock skew...). */
    AUTH_FAILED(false),
    /** The bucket (container) does not exist: a configuration error. */
    NO_SUCH_BUCKET(false),
    /** The object does not exist (deleted, or removed by a lifecycle rule). */
    NO_SUCH_KEY(false),
    /** Slow down: retry later, more slowly (OSS: 503 SlowDown or 429). */
    THROTTLED(true),
    /** 5xx and other server-side trouble: retry. */
    TRANSIENT(true),
    /** Any other refusal: a request the store will never accept as it is. */
    BAD_REQUEST(false);

    private final boolean retryable;

    StoreErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether sending the same request again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
