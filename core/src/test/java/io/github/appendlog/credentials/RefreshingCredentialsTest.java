package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.ScriptedSource.numbered;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.status.RecordingStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RefreshingCredentialsTest {
    static final Instant T0 = Instant.parse("2026-01-02T03:00:00Z");
    static final Duration REPORT_INTERVAL = Duration.ofSeconds(30);

    final SettableClock clock = new SettableClock(T0);
    final RecordingStatus status = new RecordingStatus();
    final List<Thread> threads = new ArrayList<>();
    final ThreadFactory factory = task -> {
        Thread t = new Thread(task, "appendlog-credentials-test");
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        return t;
    };
    RefreshingCredentials credentials;

    @AfterEach
    void closeAndCheckSecrets() {
        if (credentials != null) {
            credentials.close();
        }
        String all = status.all();
        assertFalse(all.contains("secret-") || all.contains("token-"), "no secret or token in the status: " + all);
    }

    RefreshingCredentials refreshing(ScriptedSource source) {
        credentials = new RefreshingCredentials(source, clock, () -> 0.0);
        return credentials;
    }

    RefreshingCredentials started(ScriptedSource source) {
        refreshing(source).start(status, factory, REPORT_INTERVAL);
        return credentials;
    }

    /** Moves the test clock and lets the background thread see it. */
    void advanceTo(Instant when) {
        clock.set(when);
        credentials.wake();
    }

    @Test
    void startNeverWaitsTheFirstFetchRunsInTheBackgroundAndIsReportedWithItsExpiry() {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, T0.plus(Duration.ofHours(1))));
        source.gate = new CountDownLatch(1);

        started(source); // returns while the fetch waits at the gate

        await().until(() -> source.fetches.get() == 1);
        assertTrue(status.infos().isEmpty(), "nothing to report before the fetch ends");
        source.gate.countDown();
        await().until(() -> status.infos().size() == 1);
        assertEquals("credentials: scripted source, expire 2026-01-02T04:00:00Z", status.infos().get(0));
        assertEquals("STS.1", credentials.credentials().accessKeyId());
        assertEquals(1, source.fetches.get(), "the sender got the held credentials without a fetch");
    }

    @Test
    void longLivedCredentialsAreRefreshedInTheBackground15MinutesBeforeTheyExpire() {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, clock.instant().plus(Duration.ofHours(1))));
        started(source);
        await().until(() -> status.infos().size() == 1);
        assertEquals(T0.plus(Duration.ofMinutes(45)), credentials.nextRefresh());

        advanceTo(T0.plus(Duration.ofMinutes(44)));
        assertEquals(1, source.fetches.get(), "not yet due");
        advanceTo(T0.plus(Duration.ofMinutes(45)));

        await().until(() -> status.infos().size() == 2);
        assertEquals("credentials refreshed: scripted source, expire 2026-01-02T04:45:00Z", status.infos().get(1));
        assertEquals("STS.2", credentials.credentials().accessKeyId());
        assertEquals(T0.plus(Duration.ofMinutes(90)), credentials.nextRefresh());
    }

    @Test
    void shortLivedCredentialsAreRefreshedAt80PercentOfTheirLifetime() {
        ScriptedSource source = new ScriptedSource(false,
                n -> numbered(n, clock.instant().plus(Duration.ofMinutes(10))));
        started(source);
        await().until(() -> source.fetches.get() == 1 && credentials.nextRefresh() != null
                && !credentials.nextRefresh().equals(T0));
        assertEquals(T0.plus(Duration.ofMinutes(8)), credentials.nextRefresh());

        advanceTo(T0.plus(Duration.ofMinutes(8)));

        await().until(() -> source.fetches.get() == 2);
        await().until(() -> T0.plus(Duration.ofMinutes(16)).equals(credentials.nextRefresh()));
    }

    @Test
    void aFailingRefreshKeepsTheLastCredentialsWarnsOncePerIntervalAndBacksOff() {
        AtomicReference<String> outage = new AtomicReference<>();
        ScriptedSource source = new ScriptedSource(false, n -> {
            if (outage.get() != null) {
                throw new IOException(outage.get());
            }
            return numbered(n, clock.instant().plus(Duration.ofHours(1)));
        });
        started(source);
        await().until(() -> status.infos().size() == 1);
        outage.set("STS answered 503");

        advanceTo(T0.plus(Duration.ofMinutes(45)));
        await().until(() -> source.fetches.get() == 2);
        await().until(() -> status.warnings().size() == 1);
        assertEquals("STS.1", credentials.credentials().accessKeyId(), "the last ones, still valid");
        assertEquals(2, source.fetches.get(), "the sender did not wait for a fetch");
        String warning = status.warnings().get(0);
        assertTrue(warning.startsWith("credentials: fetching from scripted source failed: STS answered 503;"
                + " still signing with access key id STS.1, valid until 2026-01-02T04:00:00Z"), warning);
        assertTrue(warning.endsWith("trying again in 1000 ms"), warning);
        assertEquals(T0.plus(Duration.ofMinutes(45)).plusSeconds(1), credentials.nextRefresh());

        advanceTo(T0.plus(Duration.ofMinutes(45)).plusSeconds(1));
        await().until(() -> source.fetches.get() == 3);
        await().until(() -> T0.plus(Duration.ofMinutes(45)).plusSeconds(3).equals(credentials.nextRefresh()));
        advanceTo(T0.plus(Duration.ofMinutes(45)).plusSeconds(3));
        await().until(() -> source.fetches.get() == 4);
        await().until(() -> T0.plus(Duration.ofMinutes(45)).plusSeconds(7).equals(credentials.nextRefresh()));
        assertEquals(1, status.warnings().size(), "one warning per dropReportInterval");

        advanceTo(T0.plus(Duration.ofMinutes(45)).plusSeconds(31));
        await().until(() -> status.warnings().size() == 2);
        assertTrue(status.warnings().get(1).contains("failed (4 times in a row, 2 of them not reported)"),
                status.warnings().get(1));

        outage.set(null);
        advanceTo(T0.plus(Duration.ofMinutes(50)));
        await().until(() -> status.infos().size() == 2);
        assertTrue(status.infos().get(1).startsWith("credentials refreshed: scripted source"), status.infos().get(1));
        assertEquals("STS.6", credentials.credentials().accessKeyId());
    }

    @Test
    void expiredCredentialsThatCannotBeRefreshedMakeTheSenderWaitForOneFetchThenThrow() throws Exception {
        AtomicReference<String> outage = new AtomicReference<>();
        ScriptedSource source = new ScriptedSource(false, n -> {
            if (outage.get() != null) {
                throw new IOException(outage.get());
            }
            return numbered(n, clock.instant().plus(Duration.ofHours(1)));
        });
        refreshing(source); // not started: no background thread
        assertEquals("RefreshingCredentials{scripted source}", credentials.toString());
        assertEquals("STS.1", credentials.credentials().accessKeyId(), "nothing held: one fetch, on the caller");
        assertEquals("RefreshingCredentials{scripted source, access key id STS.1}", credentials.toString());
        outage.set("metadata service unreachable");
        clock.set(T0.plus(Duration.ofHours(1)));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> credentials.credentials());

        assertEquals(2, source.fetches.get(), "one fetch, then the throw");
        assertEquals("credentials from scripted source: metadata service unreachable", e.getMessage());
        outage.set(null);
        assertEquals("STS.3", credentials.credentials().accessKeyId(), "the next call fetches again");
    }

    @Test
    void invalidateMakesTheNextCallFetchAnewEvenWhileTheHeldOnesLookValid() {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, clock.instant().plus(Duration.ofHours(1))));
        started(source);
        await().until(() -> status.infos().size() == 1);
        assertEquals("STS.1", credentials.credentials().accessKeyId());

        credentials.invalidate();

        assertEquals(1, source.invalidations.get(), "the source drops its own cache");
        assertEquals("STS.2", credentials.credentials().accessKeyId());
        assertEquals(2, source.fetches.get());
        assertEquals("STS.2", credentials.credentials().accessKeyId());
        assertEquals(2, source.fetches.get(), "one fetch");
    }

    @Test
    void afterInvalidateAFailingFetchThrowsRatherThanReturnTheRefusedCredentials() {
        AtomicReference<String> outage = new AtomicReference<>();
        ScriptedSource source = new ScriptedSource(false, n -> {
            if (outage.get() != null) {
                throw new IOException(outage.get());
            }
            return numbered(n, clock.instant().plus(Duration.ofHours(1)));
        });
        refreshing(source).credentials();
        outage.set("STS answered 500");
        credentials.invalidate();

        assertThrows(UncheckedIOException.class, () -> credentials.credentials());
        assertEquals(2, source.fetches.get());
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, clock.instant().plus(Duration.ofHours(1))));
        source.gate = new CountDownLatch(1);
        refreshing(source);
        List<Thread> callers = new ArrayList<>();
        List<Credentials> got = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> got.add(credentials.credentials()));
            callers.add(t);
            t.start();
        }
        await().until(() -> source.fetches.get() == 1 && callers.stream()
                .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING));

        source.gate.countDown();
        for (Thread t : callers) {
            t.join(10_000);
        }

        assertEquals(4, got.size());
        for (Credentials c : got) {
            assertSame(got.get(0), c);
        }
        assertEquals(1, source.fetches.get(), "one fetch for four callers");
    }

    @Test
    void closeStopsTheBackgroundThreadAndClosesTheSourceAndStartMayFollow() {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, clock.instant().plus(Duration.ofHours(1))));
        started(source);
        await().until(() -> status.infos().size() == 1);
        Thread thread = threads.get(0);
        assertTrue(thread.isAlive());

        credentials.close();

        await().until(() -> !thread.isAlive());
        assertEquals(1, source.closes.get(), "the source released what it holds");
        credentials.close();
        assertEquals(1, threads.size());

        credentials.start(status, factory, REPORT_INTERVAL); // again, as a restarted appender would
        assertEquals(2, threads.size());
        await().until(() -> threads.get(1).isAlive());
        assertEquals("STS.1", credentials.credentials().accessKeyId(), "still valid: no fetch needed");
        credentials.close();
        await().until(() -> !threads.get(1).isAlive());
    }

    @Test
    void closeDuringAFetchEndsTheThreadWhenTheFetchEndsWithoutReportingIt() {
        ScriptedSource source = new ScriptedSource(false, n -> {
            throw new IOException("unreachable");
        });
        source.gate = new CountDownLatch(1);
        started(source);
        await().until(() -> source.fetches.get() == 1);

        credentials.close();
        source.gate.countDown();

        Thread thread = threads.get(0);
        await().until(() -> !thread.isAlive());
        assertTrue(status.warnings().isEmpty(), status.all());
    }

    @Test
    void aSourceAskedEveryTimeGetsNoThreadIsAskedOnEachCallAndFallsBackToTheLastOnes() {
        AtomicReference<String> outage = new AtomicReference<>();
        ScriptedSource source = new ScriptedSource(true, n -> {
            if (outage.get() != null) {
                throw new IOException(outage.get());
            }
            return numbered(n, null);
        });
        started(source);

        assertTrue(threads.isEmpty(), "no thread for a source asked every time");
        assertEquals(List.of("credentials: scripted source"), status.infos());
        assertEquals("STS.1", credentials.credentials().accessKeyId());
        assertEquals("STS.2", credentials.credentials().accessKeyId());
        outage.set("file being rewritten");
        assertEquals("STS.2", credentials.credentials().accessKeyId(), "the last ones while the source fails");
        assertEquals(1, status.warnings().size());
        credentials.invalidate();
        assertThrows(UncheckedIOException.class, () -> credentials.credentials(), "not the refused ones");
    }

    @Test
    void credentialsFetchedAlreadyExpiredCountAsAFailedFetch() {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, clock.instant().minusSeconds(5)));
        refreshing(source);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> credentials.credentials());

        assertTrue(e.getMessage().contains("expired at 2026-01-02T02:59:55Z"), e.getMessage());
        assertTrue(e.getMessage().contains("check this host's clock"), e.getMessage());
    }

    @Test
    void credentialsWithoutExpiryFromANetworkSourceAreFetchedOnceAndHeld() {
        ScriptedSource source = new ScriptedSource(false, n -> numbered(n, null));
        started(source);
        await().until(() -> status.infos().size() == 1);

        assertEquals(List.of("credentials: scripted source"), status.infos());
        assertNull(credentials.nextRefresh());
        advanceTo(T0.plus(Duration.ofDays(30)));
        assertEquals("STS.1", credentials.credentials().accessKeyId());
        assertEquals(1, source.fetches.get());
    }
}
