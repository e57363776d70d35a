package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshScheduleTest {
    static final Instant FETCHED = Instant.parse("2026-01-02T03:00:00Z");

    @Test
    void aLifetimeLongerThan15MinutesIsRefreshed15MinutesBeforeItEnds() {
        assertEquals(Instant.parse("2026-01-02T03:45:00Z"),
                RefreshSchedule.refreshAt(FETCHED, FETCHED.plus(Duration.ofHours(1))));
        assertEquals(Instant.parse("2026-01-02T08:45:00Z"),
                RefreshSchedule.refreshAt(FETCHED, FETCHED.plus(Duration.ofHours(6))));
        assertEquals(FETCHED.plusSeconds(1), RefreshSchedule.refreshAt(FETCHED,
                FETCHED.plus(Duration.ofMinutes(15)).plusSeconds(1)));
    }

    @Test
    void aShorterLifetimeIsRefreshedAt80Percent() {
        assertEquals(FETCHED.plus(Duration.ofMinutes(8)),
                RefreshSchedule.refreshAt(FETCHED, FETCHED.plus(Duration.ofMinutes(10))));
        assertEquals(FETCHED.plus(Duration.ofMinutes(12)),
                RefreshSchedule.refreshAt(FETCHED, FETCHED.plus(Duration.ofMinutes(15))), "exactly 15 minutes");
        assertEquals(FETCHED.plusSeconds(4), RefreshSchedule.refreshAt(FETCHED, FETCHED.plusSeconds(5)));
        assertEquals(FETCHED.plusMillis(800), RefreshSchedule.refreshAt(FETCHED, FETCHED.plusSeconds(1)));
    }

    @Test
    void credentialsWithoutExpiryAreNeverRefreshedAndAnExpiryBeforeTheFetchAtOnce() {
        assertNull(RefreshSchedule.refreshAt(FETCHED, null));
        assertEquals(FETCHED, RefreshSchedule.refreshAt(FETCHED, FETCHED.minusSeconds(1)));
    }

    @Test
    void retriesBackOffFromOneSecondDoublingToOneMinuteWithUpToHalfTakenOffAtRandom() {
        assertEquals(Duration.ofSeconds(1), RefreshSchedule.retryDelay(1, 0));
        assertEquals(Duration.ofSeconds(2), RefreshSchedule.retryDelay(2, 0));
        assertEquals(Duration.ofSeconds(32), RefreshSchedule.retryDelay(6, 0));
        assertEquals(Duration.ofMinutes(1), RefreshSchedule.retryDelay(7, 0));
        assertEquals(Duration.ofMinutes(1), RefreshSchedule.retryDelay(1000, 0));
        assertEquals(Duration.ofMillis(500), RefreshSchedule.retryDelay(1, 1.0));
        assertEquals(Duration.ofSeconds(45), RefreshSchedule.retryDelay(9, 0.5));
    }

    @Test
    void theNextFetchIsTheRetryAfterAFailureAtOnceWhenNothingIsHeldAndNeverSoonerThan100MsAfterAFetch() {
        Instant now = FETCHED.plusSeconds(10);
        Credentials hour = new Credentials("id", "s", "t", FETCHED.plus(Duration.ofHours(1)));
        assertEquals(FETCHED.plusSeconds(12), RefreshSchedule.next(hour, FETCHED, FETCHED.plusSeconds(12), now));
        assertEquals(now, RefreshSchedule.next(null, null, null, now));
        assertEquals(FETCHED.plus(Duration.ofMinutes(45)), RefreshSchedule.next(hour, FETCHED, null, now));
        assertNull(RefreshSchedule.next(new Credentials("id", "s"), FETCHED, null, now));
        Credentials blink = new Credentials("id", "s", "t", FETCHED.plusMillis(10));
        assertEquals(FETCHED.plusMillis(100), RefreshSchedule.next(blink, FETCHED, null, now));
    }
}
