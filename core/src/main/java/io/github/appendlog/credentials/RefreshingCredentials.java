package io.github.appendlog.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The provider the store client signs with: it holds the credentials last fetched from one
 * {@link CredentialsSource} and fetches again when they were invalidated.
 *
 * <p>(First cut: fetches on the caller's thread when nothing usable is held. Background refresh
 * before expiry, backoff and reporting follow.)
 */
public final class RefreshingCredentials implements CredentialsProvider, AutoCloseable {
    private final CredentialsSource source;
    private volatile Credentials current;

    public RefreshingCredentials(CredentialsSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    public CredentialsSource source() {
        return source;
    }

    @Override
    public Credentials credentials() {
        Credentials held = current;
        if (held != null && !source.askEveryTime()) {
            return held;
        }
        try {
            Credentials fetched = source.fetch();
            current = fetched;
            return fetched;
        } catch (IOException e) {
            if (held != null) {
                return held;
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void invalidate() {
        current = null;
        source.invalidate();
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "RefreshingCredentials{" + source.describe() + "}";
    }
}
