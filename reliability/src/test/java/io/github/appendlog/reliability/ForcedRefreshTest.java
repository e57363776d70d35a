package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.Operation;
import io.github.appendlog.reliability.IdentityFixture.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A token the store stops accepting before its advertised expiry, end to end: an app in a JVM of
 * its own ({@link ChildJvm}) signs with an ECS RAM role's credentials that live an hour (no refresh
 * due); the store expires them early; the next append is refused with 403
 * {@code SecurityTokenExpired}, and the appender fetches new credentials at once and sends that
 * append again, once. Nothing lost or duplicated; the fake saw exactly one more credentials request;
 * the status shows the refresh; no secret or token shows.
 */
class ForcedRefreshTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Framework.class)
    void credentialsTheStoreExpiresEarlyAreFetchedAnewAtOnceAndTheAppendResentOnce(Framework fw) throws Exception {
        String prefix = "forced/" + fw + "/";
        try (Store store = Store.start();
                IdentityFixture identity = IdentityFixture.start(Kind.ECS_RAM_ROLE, store.emu(), dir.resolve("identity"),
                        Duration.ofHours(1))) {
            Map<String, String> settings = store.settingsWithoutCredentials(prefix + "app-%i.log");
            settings.putAll(identity.settings());
            try (ChildJvm child = ChildJvm.start(dir, identity.home, identity.environment(), fw, "f", 1, settings)) {
                child.run("log 20", LIMIT);
                awaitLanded(store, prefix, child);
                int fetches = identity.credentialRequests();
                List<Credentials> issued = identity.issued();
                assertEquals(1, issued.size(), "one key pair so far");

                store.emu().expireCredentials(issued.get(0).accessKeyId());
                long appends = store.emu().requestCount(Operation.APPEND);
                child.run("log 1", LIMIT); // one line, one append: refused, then resent with new credentials
                awaitLanded(store, prefix, child);
                assertEquals(appends + 2, store.emu().requestCount(Operation.APPEND),
                        "the append refused with SecurityTokenExpired, then the same append resent once");
                assertEquals(fetches + 1, identity.credentialRequests(), "one more credentials request");

                child.run("log 20", LIMIT);
                awaitLanded(store, prefix, child);
                child.stop(LIMIT);
                String output = child.output();
                assertEquals(fetches + 1, identity.credentialRequests(), "no other credentials request");
                LineCheck check = LineCheck.of(store.bytes(prefix), child.expected());
                assertEquals(41, check.expected, output);
                assertTrue(check.perfect(), check + "\n" + output);
                assertEquals(1, child.statuses("INFO", "credentials: " + Kind.ECS_RAM_ROLE.source).size(), output);
                assertEquals(1, child.statuses("INFO", "credentials refreshed: " + Kind.ECS_RAM_ROLE.source).size(), output);
                assertEquals(0, child.statuses().stream().filter(LoggingApp.Status::isError).count(), output);
                Secrets.assertAbsent(fw + " child output", output, identity.secrets());
            }
        }
    }

    private static void awaitLanded(Store store, String prefix, ChildJvm child) {
        await().atMost(Duration.ofSeconds(10)).until(() -> LineCheck.of(store.bytes(prefix), child.expected()).missing == 0);
    }
}
