package io.github.appendlog.credentials;

import java.time.Duration;
import java.time.Instant;

/**
 * When {@link RefreshingCredentials} fetches again: credentials with an expiry are refreshed
 * {@link #MARGIN} before it when their lifetime (expiry minus fetch time) is longer than that, else
 * at {@value #SHORT_LIFETIME_PERCENT}% of the lifetime; a fetch that failed is tried again after a
 * jittered backoff doubling from {@link #FIRST_RETRY} to {@link #MAX_RETRY}. Pure functions.
 */
final class RefreshSchedule {
    static final Duration MARGIN = Duration.ofMinutes(15);
    static final int SHORT_LIFETIME_PERCENT = 80;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);
    /** Never refresh sooner than this after a fetch, however short the credentials' lifetime. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private RefreshSchedule() {
    }

    /**
     * When to fetch next: at {@code retryAt} after a failed fetch (null when the last one succeeded),
     * {@code now} while nothing is held, else {@link #refreshAt} but never sooner than
     * {@link #MIN_INTERVAL} after the fetch; null for held credentials that do not expire.
     */
    static Instant next(Credentials held, Instant heldSince, Instant retryAt, Instant now) {
        if (retryAt != null) {
            return retryAt;
        }
        if (held == null) {
            return now;
        }
        Instant at = refreshAt(heldSince, held.expiration());
        if (at == null) {
            return null;
        }
        Instant earliest = heldSince.plus(MIN_INTERVAL);
        return at.isBefore(earliest) ? earliest : at;
    }

    /**
     * When to refresh credentials fetched at {@code fetchedAt} that expire at {@code expiration};
     * null for credentials that do not expire.
     */
    static Instant refreshAt(Instant fetchedAt, Instant expiration) {
        if (expiration == null) {
            return null;
        }
        Duration lifetime = Duration.between(fetchedAt, expiration);
        if (lifetime.compareTo(MARGIN) > 0) {
            return expiration.minus(MARGIN);
        }
        if (lifetime.isNegative()) {
            return fetchedAt;
        }
        return fetchedAt.plus(lifetime.multipliedBy(SHORT_LIFETIME_PERCENT).dividedBy(100));
    }

    /**
     * How long to wait after {@code failures} fetches in a row failed: {@link #FIRST_RETRY} doubling
     * up to {@link #MAX_RETRY}, of which a random part (from {@code random} in [0, 1)) up to half is
     * taken off, so that appenders that failed together do not retry together.
     */
    static Duration retryDelay(int failures, double random) {
        int doublings = Math.max(0, Math.min(failures - 1, 16));
        Duration full = FIRST_RETRY.multipliedBy(1L << doublings);
        if (full.compareTo(MAX_RETRY) > 0) {
            full = MAX_RETRY;
        }
        long millis = full.toMillis();
        return Duration.ofMillis(millis - (long) (millis / 2 * Math.max(0, Math.min(random, 1))));
    }
}
