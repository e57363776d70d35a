package io.github.appendlog.credentials;

import io.github.appendlog.status.StatusReporter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@link RefreshingCredentials} reports: at INFO the source chosen and each refresh, with the
 * expiry (never a secret or a token); at WARN a fetch that failed, at most once per report interval
 * (the ones in between are counted into the next warning). Thread-safe.
 */
final class RefreshReports {
    private final Clock clock;
    private StatusReporter status = StatusReporter.NONE;
    private Duration interval = Duration.ZERO;
    private Instant lastWarning;
    private int unreported;

    RefreshReports(Clock clock) {
        this.clock = clock;
    }

    synchronized void use(StatusReporter status, Duration interval) {
        this.status = status;
        this.interval = interval;
    }

    /** The credentials the appender starts with. */
    void chosen(String source, Credentials credentials) {
        reporter().info("credentials: " + source + expiry(credentials));
    }

    /** New credentials replace the ones held. */
    void refreshed(String source, Credentials credentials) {
        reporter().info("credentials refreshed: " + source + expiry(credentials));
    }

    /**
     * A fetch failed.
     *
     * @param failures fetches failed in a row, this one included
     * @param kept the credentials still used (valid), or null when there are none
     * @param retryIn when the background tries again, or null when nothing is scheduled
     */
    synchronized void failed(String source, Exception e, int failures, Credentials kept, Duration retryIn) {
        Instant now = clock.instant();
        if (lastWarning != null && now.isBefore(lastWarning.plus(interval))) {
            unreported++;
            return;
        }
        StringBuilder m = new StringBuilder("credentials: fetching from ").append(source).append(" failed");
        if (failures > 1) {
            m.append(" (").append(failures).append(" times in a row");
            if (unreported > 0) {
                m.append(", ").append(unreported).append(" of them not reported");
            }
            m.append(')');
        }
        m.append(": ").append(e.getMessage());
        if (kept != null) {
            m.append("; still signing with access key id ").append(kept.accessKeyId())
                    .append(kept.expiration() != null ? ", valid until " + kept.expiration() : "");
        } else {
            m.append("; no valid credentials: requests are retried and events stay buffered meanwhile");
        }
        if (retryIn != null) {
            m.append("; trying again in ").append(retryIn.toMillis()).append(" ms");
        }
        lastWarning = now;
        unreported = 0;
        status.warn(m.toString(), null);
    }

    private synchronized StatusReporter reporter() {
        return status;
    }

    private static String expiry(Credentials credentials) {
        return credentials == null || credentials.expiration() == null ? "" : ", expire " + credentials.expiration();
    }
}
