package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.github.appendlog.reliability.IdentityFixture.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Temporary credentials rotate under a steady load, end to end: per framework and per network
 * source of the chain (ECS RAM role, ACK RRSA, a RAM role assumed with a key from a profile file:
 * {@code credentials.ini} for Logback, the CLI's {@code config.json} for Log4j2), an app in a JVM of
 * its own ({@link ChildJvm}: only the source's variables, a home directory of the test) logs
 * numbered lines at a fixed rate for more than three lifetimes of the fake's credentials, through
 * the appender configured from XML with no credentials, only the fake's endpoint. Every line lands
 * once and in order; the status shows the source chosen at INFO and at least two refreshes; no
 * secret or token minted, no OIDC token and no key secret shows anywhere in the child's output.
 * RRSA's token file is rotated once on the way (STS then accepts only the new token).
 *
 * <p>The six apps run at once (they mostly wait between lines), started before the tests, each
 * test waiting for its own.
 */
class CredentialRotationTest {
    static final Duration LIFETIME = Duration.ofSeconds(3);
    static final int THREADS = 2;
    static final Duration PERIOD = Duration.ofMillis(25);
    /** Lines per thread: three lifetimes and one more second at one line per period. */
    static final int LINES = (int) (LIFETIME.multipliedBy(3).plusSeconds(1).toMillis() / PERIOD.toMillis());

    @TempDir
    static Path dir;
    private static Store store;
    private static ExecutorService pool;
    private static final Map<String, Future<Finished>> RUNS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Framework.LOGBACK, Kind.ECS_RAM_ROLE), Arguments.of(Framework.LOGBACK, Kind.RRSA_OIDC),
                Arguments.of(Framework.LOGBACK, Kind.RAM_ROLE_ARN_INI), Arguments.of(Framework.LOG4J2, Kind.ECS_RAM_ROLE),
                Arguments.of(Framework.LOG4J2, Kind.RRSA_OIDC), Arguments.of(Framework.LOG4J2, Kind.RAM_ROLE_ARN_CLI));
    }

    @BeforeAll
    static void startEveryApp() {
        store = Store.start();
        pool = Executors.newCachedThreadPool();
        cases().forEach(a -> {
            Framework fw = (Framework) a.get()[0];
            Kind kind = (Kind) a.get()[1];
            RUNS.put(fw + "-" + kind, pool.submit(() -> run(fw, kind)));
        });
    }

    @AfterAll
    static void stopEverything() {
        pool.shutdownNow(); // a run still going closes its child JVM and its fake on the way out
        store.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void linesLandOnceInOrderWhileTheCredentialsRotate(Framework fw, Kind kind) throws Exception {
        Finished run = RUNS.get(fw + "-" + kind).get(3, TimeUnit.MINUTES);
        String output = run.child.output();

        LineCheck check = LineCheck.of(store.bytes(prefix(fw, kind)), run.child.expected());
        assertEquals((long) THREADS * LINES, check.expected, output);
        assertTrue(check.perfect(), check + "\n" + output);

        List<String> chosen = run.child.statuses("INFO", "credentials: " + kind.source);
        assertEquals(1, chosen.size(), output);
        assertTrue(chosen.get(0).contains(", expire "), chosen.get(0));
        int refreshes = run.child.statuses("INFO", "credentials refreshed: " + kind.source).size();
        assertTrue(refreshes >= 2, refreshes + " refreshes:\n" + output);
        // The refreshes came before expiry, in the background: no request (of any case) met an
        // expired or unknown key, which forced refreshes after a 403 would otherwise hide.
        assertEquals(0, store.emu().refusals("SecurityTokenExpired"), output);
        assertEquals(0, store.emu().refusals("InvalidAccessKeyId"), output);
        assertTrue(run.identity.issued().size() > refreshes, run.identity.issued().size() + " key pairs issued");
        assertEquals(0, run.child.statuses().stream().filter(LoggingApp.Status::isError).count(), output);

        List<String> secrets = run.identity.secrets();
        assertTrue(secrets.size() >= 2 * (refreshes + 1), secrets.size() + " secrets watched");
        Secrets.assertAbsent(fw + "/" + kind + " child output", output, secrets);
        if (kind == Kind.RRSA_OIDC) {
            List<String> sent = run.identity.oidcTokensSent();
            List<String> tokens = run.identity.oidcTokens();
            assertEquals(2, tokens.size());
            assertEquals(tokens.get(0), sent.get(0), "the first AssumeRoleWithOIDC carries the first token");
            assertEquals(tokens.get(1), sent.get(sent.size() - 1), "the token file is read again at each refresh");
        }
    }

    private static String prefix(Framework fw, Kind kind) {
        return "rotation/" + fw + "-" + kind + "/";
    }

    /** One app's whole run: it logs for more than three lifetimes (RRSA: rotating the token once), then stops. */
    private static Finished run(Framework fw, Kind kind) throws Exception {
        Path caseDir = dir.resolve(fw + "-" + kind);
        try (IdentityFixture identity = IdentityFixture.start(kind, store.emu(), caseDir, LIFETIME)) {
            Map<String, String> settings = store.settingsWithoutCredentials(prefix(fw, kind) + "app-%i.log");
            settings.putAll(identity.settings());
            try (ChildJvm child = ChildJvm.start(caseDir, identity.home, identity.environment(), fw, "r", THREADS,
                    settings)) {
                child.send("paced " + LINES + " " + PERIOD.toMillis());
                if (kind == Kind.RRSA_OIDC) {
                    // Just after a refresh, so the next one (80% of a lifetime later) meets the new token.
                    await().atMost(LIFETIME.multipliedBy(3)).until(() -> identity.credentialRequests() >= 2);
                    identity.rotateOidcToken();
                }
                child.stop(Duration.ofSeconds(90));
                return new Finished(child, identity);
            }
        }
    }

    /** A run that ended: the child's output and the fake's records stay readable. */
    private static final class Finished {
        final ChildJvm child;
        final IdentityFixture identity;

        Finished(ChildJvm child, IdentityFixture identity) {
            this.child = child;
            this.identity = identity;
        }
    }
}
