package io.github.appendlog.oss.sign;

import java.util.Objects;

/**
 * An access key pair and an optional STS security token. {@link #toString()} shows the key id
 * only: the secret and the token never leave this object except to compute a signature.
 */
public final class Credentials {
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;

    public Credentials(String accessKeyId, String accessKeySecret, String securityToken) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        this.securityToken = securityToken == null || securityToken.isEmpty() ? null : securityToken;
    }

    public Credentials(String accessKeyId, String accessKeySecret) {
        this(accessKeyId, accessKeySecret, null);
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

    @Override
    public String toString() {
        return "Credentials{accessKeyId=" + accessKeyId + ", accessKeySecret=****"
                + (securityToken == null ? "" : ", securityToken=****") + "}";
    }
}
