package io.github.appendlog.emulator;

import io.github.appendlog.credentials.Credentials;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key pairs the emulator accepts, safe to change while requests are checked: those given to
 * the builder or added at run time, then those of the credentials file (re-read when it changes).
 * A key pair with an expiry is refused from that instant on; {@link #expire} ends one early, for
 * that exact id, secret and token (a rotated key under the same id is valid again).
 */
final class KeyRing {
    private final Map<String, Credentials> added = new ConcurrentHashMap<>();
    private final Map<String, Credentials> expiredEarly = new ConcurrentHashMap<>();
    private final CredentialsFile file;

    KeyRing(Map<String, Credentials> initial, CredentialsFile file) {
        this.added.putAll(initial);
        this.file = file;
    }

    /** Adds or replaces the key pair with this id. */
    void add(Credentials credentials) {
        added.put(credentials.accessKeyId(), credentials);
    }

    /** Removes a key pair added through the builder or at run time; false if there was none. */
    boolean remove(String accessKeyId) {
        expiredEarly.remove(accessKeyId);
        return added.remove(accessKeyId) != null;
    }

    /** Expires the key pair now known under this id; false if the id is unknown. */
    boolean expire(String accessKeyId) {
        Credentials current = find(accessKeyId);
        if (current == null) {
            return false;
        }
        expiredEarly.put(accessKeyId, current);
        return true;
    }

    /** The key pair with this id, or null. */
    Credentials find(String accessKeyId) {
        Credentials c = added.get(accessKeyId);
        if (c == null && file != null) {
            c = file.current().get(accessKeyId);
        }
        return c;
    }

    /** Whether this key pair is no longer valid at {@code nowMillis}: past its expiry or expired early. */
    boolean expired(Credentials credentials, long nowMillis) {
        Instant expiration = credentials.expiration();
        if (expiration != null && nowMillis >= expiration.toEpochMilli()) {
            return true;
        }
        Credentials early = expiredEarly.get(credentials.accessKeyId());
        return early != null && early.sameKeys(credentials);
    }
}
