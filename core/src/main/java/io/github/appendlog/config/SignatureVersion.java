package io.github.appendlog.config;

/** OSS request signing scheme. */
public enum SignatureVersion {
    /** {@code OSS4-HMAC-SHA256}; needs a region. The default. */
    V4,
    /** {@code OSS} HMAC-SHA1; for compatible endpoints that lack V4. */
    V1
}
