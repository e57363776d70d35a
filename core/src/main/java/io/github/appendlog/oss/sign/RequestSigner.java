package io.github.appendlog.oss.sign;

import io.github.appendlog.credentials.Credentials;
import java.time.Instant;

/**
 * Signs OSS requests. Implementations never read the clock: the caller passes the signing time,
 * so known-answer tests are exact.
 */
public interface RequestSigner {

    /**
     * Adds the date headers, the security token (if any) and {@code Authorization} to the request.
     */
    void sign(SignableRequest request, Credentials credentials, Instant signTime);

    /**
     * Computes the {@code Authorization} value from the request as it is, its date headers
     * included. The emulator uses this to check a received request.
     */
    String authorization(SignableRequest request, Credentials credentials);

    /** The string to sign, for error messages and debugging (contains no secret). */
    String stringToSign(SignableRequest request);
}
