package io.github.appendlog.oss.sign;

import java.util.Objects;

/**
 * Where the credentials each request is signed with come from. The store client asks for them per
 * request and calls {@link #refresh()} when the store refuses them, so a key rotated outside the
 * configuration is picked up by the next retry. Implementations are thread-safe and never show
 * a secret in {@code toString()}.
 */
public interface CredentialsProvider {

    /** The credentials to sign the next request with. */
    Credentials credentials();

    /**
     * The store refused the current credentials: look for new ones.
     *
     * @return true if different credentials are now in use
     */
    default boolean refresh() {
        return false;
    }

    /** Fixed credentials (from the configuration or the environment). */
    static CredentialsProvider of(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new CredentialsProvider() {
            @Override
            public Credentials credentials() {
                return credentials;
            }

            @Override
            public String toString() {
                return credentials.toString();
            }
        };
    }
}
