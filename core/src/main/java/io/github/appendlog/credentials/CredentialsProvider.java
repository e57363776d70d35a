package io.github.appendlog.credentials;

import java.util.Objects;

/**
 * Where the credentials each request is signed with come from; the interface a user implements to
 * plug in a source of their own (setting {@code credentialsProvider}: the class name, built with its
 * public no-arg constructor).
 *
 * <p>The store client calls {@link #credentials()} before every request, on appendlog's sender
 * thread, never on a logging thread: it should answer from a cache and fetch only when it holds
 * nothing usable. When the store refuses the credentials as expired or unknown, the client calls
 * {@link #invalidate()} and then {@link #credentials()} once more, and resends the request once if
 * the answer differs. Implementations are thread-safe and never show a secret or a token in
 * {@code toString()}, messages or exceptions.
 */
public interface CredentialsProvider {

    /**
     * The credentials to sign the next request with.
     *
     * @throws RuntimeException when none can be had now; the request then fails like one that met
     *         a network error and is retried later
     */
    Credentials credentials();

    /**
     * The store refused the credentials last returned (expired, revoked or rotated): forget any
     * cached copy, so that the next {@link #credentials()} fetches anew.
     */
    default void invalidate() {
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
