package io.github.appendlog.store;

/**
 * An error reply from a store, classified ({@link StoreErrorKind}), with the store's own code and
 * request id and a message that tells the user what to check. Never carries a secret.
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;
    private final String requestId;
    private final StoreErrorKind kind;
    private final long nextAppendPosition;

    /**
     * @param errorCode the store's error code, or null
     * @param nextAppendPosition the object's length when the reply tells it (a position mismatch), or -1
     */
    public StoreException(String message, int httpStatus, String errorCode, String requestId, StoreErrorKind kind,
            long nextAppendPosition) {
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

    /** The store's error code, e.g. {@code SignatureDoesNotMatch}; may be null for a bodiless reply. */
    public String errorCode() {
        return errorCode;
    }

    public String requestId() {
        return requestId;
    }

    public StoreErrorKind kind() {
        return kind;
    }

    /** The object's length as a position-mismatch reply tells it, or -1 if absent. */
    public long nextAppendPosition() {
        return nextAppendPosition;
    }
}
