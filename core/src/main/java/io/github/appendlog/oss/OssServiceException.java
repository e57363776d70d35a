package io.github.appendlog.oss;

import io.github.appendlog.store.StoreException;
import io.github.appendlog.store.StoreErrorKind;

/**
 * An error reply from OSS, with the OSS code and request id, classified for the writer, and a
 * message that tells the user what to check. Never carries a secret.
 */
public class OssServiceException extends StoreException {
    private static final long serialVersionUID = 1L;

    /**
     * @param nextAppendPosition the reply's {@code x-oss-next-append-position}, or -1
     */
    public OssServiceException(String message, int httpStatus, String errorCode, String requestId,
            StoreErrorKind kind, long nextAppendPosition) {
        super(message, httpStatus, errorCode, requestId, kind, nextAppendPosition);
    }
}
