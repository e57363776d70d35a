package io.github.appendlog.delivery;

/**
 * The batch was NOT applied and cannot go into this object: the caller rolls over to the next key
 * and sends the same batch there.
 */
final class RolloverRequiredException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the object cannot take the batch. */
    enum Reason {
        /** The key holds a Normal/Multipart/Symlink object (409 ObjectNotAppendable, or HEAD says so). */
        NOT_APPENDABLE,
        /** The batch would take the object past {@code maxObjectBytes} or the store's maximum size. */
        SIZE_LIMIT,
        /**
         * The object no longer holds what this writer wrote (deleted, replaced, truncated, or a reply
         * that does not match the tracked position/CRC); appending further could corrupt it.
         */
        CONFLICT
    }

    private final Reason reason;
    private final String key;

    RolloverRequiredException(Reason reason, String key, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.key = key;
    }

    Reason reason() {
        return reason;
    }

    /** The key that cannot take the batch. */
    String key() {
        return key;
    }
}
