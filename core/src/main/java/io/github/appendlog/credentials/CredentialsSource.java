package io.github.appendlog.credentials;

import java.io.IOException;

/**
 * One place credentials can be fetched from (the environment, a profile file, instance metadata,
 * STS, a credentials URI, a user's provider). A source only fetches; caching, refreshing before
 * expiry and reporting are {@link RefreshingCredentials}'s job. Never shows a secret or a token in
 * {@link #describe()}, {@code toString()} or an exception's message.
 */
public interface CredentialsSource extends AutoCloseable {

    /**
     * Fetches credentials now. Blocks for at most this source's own timeouts.
     *
     * @throws IOException when the source cannot answer or answers with something unusable; the
     *         message says which source and why, without secrets
     */
    Credentials fetch() throws IOException;

    /**
     * What this source is, for the status line that reports which one was chosen, e.g.
     * {@code ECS RAM role 'app-role'} or {@code environment OSS_ACCESS_KEY_ID}.
     */
    String describe();

    /**
     * Whether {@link #fetch()} is cheap enough (no network) to call before every request, so that a
     * change made outside the process (a rewritten file) is seen at once. Sources that fetch over the
     * network answer false and are refreshed in the background before their credentials expire.
     */
    default boolean askEveryTime() {
        return false;
    }

    /**
     * The store refused what {@link #fetch()} returned last: a source with a cache of its own (a
     * user's provider, a profile file read before) drops it, so the next fetch looks anew.
     */
    default void invalidate() {
    }

    /**
     * Releases what the source holds (the HTTP client of the network sources) when its user stops;
     * a fetch after that acquires them anew, so a provider may be started again.
     */
    @Override
    default void close() {
    }

    /** A provider (a user's, or a profile file) as a source asked before every request. */
    static CredentialsSource of(CredentialsProvider provider, String description) {
        return new CredentialsSource() {
            @Override
            public Credentials fetch() {
                return provider.credentials();
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public boolean askEveryTime() {
                return true;
            }

            @Override
            public void invalidate() {
                provider.invalidate();
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** Fixed credentials. */
    static CredentialsSource of(Credentials credentials, String description) {
        return new CredentialsSource() {
            @Override
            public Credentials fetch() {
                return credentials;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public boolean askEveryTime() {
                return true;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
