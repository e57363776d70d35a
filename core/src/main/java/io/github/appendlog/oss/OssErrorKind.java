package io.github.appendlog.oss;

/** What an OSS error reply means for a writer, so that callers never match on strings. */
public enum OssErrorKind {
    /** 409 PositionNotEqualToLength: the object's length is not the position we sent. */
    POSITION_MISMATCH(false),
    /** 409 ObjectNotAppendable: a Normal/Multipart/Symlink object holds the key. */
    NOT_APPENDABLE(false),
    /** The append would take the object past the store's maximum object size. */
    SIZE_LIMIT(false),
    /** 403 SignatureDoesNotMatch / InvalidAccessKeyId / AccessDenied / RequestTimeTooSkewed ... */
    AUTH_FAILED(false),
    /** 404 NoSuchBucket. */
    NO_SUCH_BUCKET(false),
    /** 404 NoSuchKey. */
    NO_SUCH_KEY(false),
    /** 503 SlowDown or 429: retry later, more slowly. */
    THROTTLED(true),
    /** 5xx and other server-side trouble: retry. */
    TRANSIENT(true),
    /** Any other 4xx: a request the store will never accept as it is. */
    BAD_REQUEST(false);

    private final boolean retryable;

    OssErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether sending the same request again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
