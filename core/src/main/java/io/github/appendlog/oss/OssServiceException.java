package io.github.appendlog.oss;

/**
 * An error reply from the store, with the OSS code, message and request id, and a message that
 * tells the user what to check. Never carries a secret.
 */
public class OssServiceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final String requestId;
    private final OssErrorKind kind;
    private final long nextAppendPosition;

    /**
     * @param nextAppendPosition the reply's {@code x-oss-next-append-position}, or -1
     */
    public OssServiceException(String message, int httpStatus, String errorCode, String requestId,
            OssErrorKind kind, long nextAppendPosition) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.requestId = requestId;
        this.kind = kind;
        this.nextAppendPosition = nextAppendPosition;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The OSS error code, e.g. {@code SignatureDoesNotMatch}; may be null for a bodiless reply. */
    public String errorCode() {
        return errorCode;
    }

    public String requestId() {
        return requestId;
    }

    public OssErrorKind kind() {
        return kind;
    }

    /** The {@code x-oss-next-append-position} of a 409 reply, or -1 if absent. */
    public long nextAppendPosition() {
        return nextAppendPosition;
    }
}
