package io.github.appendlog.credentials;

import java.time.Instant;
import java.util.Objects;

/**
 * An access key pair, an optional STS security token and, for temporary credentials, the instant
 * they expire. {@link #toString()} shows the key id and the expiry only: the secret and the token
 * never leave this object except to compute a signature.
 */
public final class Credentials {
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final Instant expiration;

    /**
     * @param securityToken the STS token, or null (an empty token counts as none)
     * @param expiration when temporary credentials expire, or null for credentials that do not
     */
    public Credentials(String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        this.securityToken = securityToken == null || securityToken.isEmpty() ? null : securityToken;
        this.expiration = expiration;
    }

    public Credentials(String accessKeyId, String accessKeySecret, String securityToken) {
        this(accessKeyId, accessKeySecret, securityToken, null);
    }

    public Credentials(String accessKeyId, String accessKeySecret) {
        this(accessKeyId, accessKeySecret, null, null);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** The STS token, or null. */
    public String securityToken() {
        return securityToken;
    }

    /** When these credentials expire, or null if they do not. */
    public Instant expiration() {
        return expiration;
    }

    /** Whether these are the same key, secret and token (the expiry aside). */
    public boolean sameKeys(Credentials other) {
        return other != null && accessKeyId.equals(other.accessKeyId) && accessKeySecret.equals(other.accessKeySecret)
                && Objects.equals(securityToken, other.securityToken);
    }

    @Override
    public String toString() {
        return "Credentials{accessKeyId=" + accessKeyId + ", accessKeySecret=****"
                + (securityToken == null ? "" : ", securityToken=****")
                + (expiration == null ? "" : ", expiration=" + expiration) + "}";
    }
}
