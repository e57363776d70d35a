package io.github.appendlog.credentials;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * One fetch from a {@link CredentialsSource}, its answer checked: whatever the source throws, no
 * credentials, or credentials already expired by {@code clock} (a host clock far ahead of the
 * source's) become an {@link IOException} that says what is wrong, without a secret.
 */
final class CheckedFetch {
    private CheckedFetch() {
    }

    static Credentials fetch(CredentialsSource source, Clock clock) throws IOException {
        Credentials fetched;
        try {
            fetched = source.fetch();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
        if (fetched == null) {
            throw new IOException("the source gave no credentials");
        }
        Instant now = clock.instant();
        if (fetched.expiration() != null && !now.isBefore(fetched.expiration())) {
            throw new IOException("the credentials fetched for access key id " + fetched.accessKeyId()
                    + " expired at " + fetched.expiration() + ", before now (" + now + "); check this host's clock");
        }
        return fetched;
    }
}
