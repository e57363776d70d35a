package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.oss.OssHttpClient;
import io.github.appendlog.reliability.IdentityFixture.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The secret and the token never show. Every test of this suite closes its apps through
 * {@link LoggingApp#close()}, which greps ALL their status output (Logback status listener, Log4j2
 * StatusLogger listener, every level, with the causes of each throwable) for them; this class
 * checks that the capture sees the places where a secret could leak, and the toString()s and
 * exception messages outside the frameworks. For the chain's temporary credentials, apps in JVMs of
 * their own ({@link ChildJvm}) go through failed refreshes (HTTP 500, a reply whose {@code Code} is
 * not {@code Success}), a token the store refuses and an OIDC token STS refuses; everything they
 * print is grepped for every secret and token the fakes minted, the OIDC tokens and the key secrets.
 */
class SecretsTest {
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Framework.class)
    void theStatusCaptureSeesTheConfigurationOfTheSecretAndTheFailuresAroundIt(Framework fw) throws Exception {
        try (Store store = Store.start()) {
            Map<String, String> settings = store.settings("secrets/" + fw + "/app-%i.log");
            settings.put("shutdownTimeout", "300 ms");
            try (LoggingApp app = fw.start("OSS", settings)) {
                store.awaitLanded("secrets/" + fw + "/", new Workload(app, "a", 1).log(10));
                store.stop(); // failures with stack traces while appending and while stopping
                new Workload(app, "b", 1).log(10);
                app.stop();
                // The capture sees the configuration of the secret attribute...
                assertTrue(app.statuses().stream().anyMatch(s -> s.text.contains("accessKeySecret")), app.statuses().toString());
                // ...and the failures, with their causes.
                assertTrue(!app.warnings("could not be delivered").isEmpty(), app.statuses().toString());
                Secrets.assertAbsent(app.statuses());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void temporaryCredentialsTheirFailedRefreshesAndARefusedTokenNeverShow(Framework fw) throws Exception {
        String prefix = "secrets-ecs/" + fw + "/";
        try (Store store = Store.start();
                IdentityFixture identity = IdentityFixture.start(Kind.ECS_RAM_ROLE, store.emu(), dir.resolve("ecs"),
                        Duration.ofSeconds(2))) {
            Map<String, String> settings = store.settingsWithoutCredentials(prefix + "app-%i.log");
            settings.putAll(identity.settings());
            settings.put("dropReportInterval", "100 ms"); // every failed refresh reported
            try (ChildJvm child = ChildJvm.start(dir, identity.home, identity.environment(), fw, "s", 1, settings)) {
                child.run("log 10", CHILD_LIMIT);
                awaitLanded(store, prefix, child);
                identity.failWith(500); // the background refresh fails
                child.awaitStatus("WARN", "HTTP 500", CHILD_LIMIT);
                store.emu().expireCredentials(identity.lastIssued().accessKeyId()); // appends refused from now on
                child.run("log 10", CHILD_LIMIT);
                child.awaitStatus("INFO", "SecurityTokenExpired", CHILD_LIMIT);
                identity.failWith(0);
                identity.code("InternalError"); // a reply without Code Success
                child.awaitStatus("WARN", "InternalError", CHILD_LIMIT);
                identity.code("Success");
                child.run("log 10", CHILD_LIMIT);
                awaitLanded(store, prefix, child);
                child.stop(CHILD_LIMIT);
                String output = child.output();
                // The capture sees the credentials in use, the failed refreshes and the refused token...
                assertFalse(child.statuses("INFO", "credentials: ECS RAM role").isEmpty(), output);
                assertFalse(child.statuses("WARN", "HTTP 500").isEmpty(), output);
                assertFalse(child.statuses("WARN", "InternalError").isEmpty(), output);
                assertTrue(output.contains("SecurityTokenExpired"), output);
                // ...and none of them shows a secret or a token.
                assertTrue(identity.issued().size() >= 2, "key pairs issued: " + identity.issued().size());
                LineCheck check = LineCheck.of(store.bytes(prefix), child.expected());
                assertTrue(check.perfect(), check + "\n" + output);
                Secrets.assertAbsent(fw + " child output", output, identity.secrets());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void anOidcTokenStsRefusesNeverShows(Framework fw) throws Exception {
        String prefix = "secrets-rrsa/" + fw + "/";
        try (Store store = Store.start();
                IdentityFixture identity = IdentityFixture.start(Kind.RRSA_OIDC, store.emu(), dir.resolve("rrsa"),
                        Duration.ofSeconds(2))) {
            Map<String, String> settings = store.settingsWithoutCredentials(prefix + "app-%i.log");
            settings.putAll(identity.settings());
            try (ChildJvm child = ChildJvm.start(dir, identity.home, identity.environment(), fw, "s", 1, settings)) {
                child.run("log 10", CHILD_LIMIT);
                awaitLanded(store, prefix, child);
                identity.expectNewOidcToken(); // the file keeps the old token: STS refuses it
                child.awaitStatus("WARN", "AuthenticationFail.OIDCToken.Invalid", CHILD_LIMIT);
                child.run("log 10", CHILD_LIMIT);
                identity.writeOidcTokenFile();
                awaitLanded(store, prefix, child);
                child.stop(CHILD_LIMIT);
                String output = child.output();
                assertEquals(2, identity.oidcTokens().size());
                LineCheck check = LineCheck.of(store.bytes(prefix), child.expected());
                assertTrue(check.perfect(), check + "\n" + output);
                Secrets.assertAbsent(fw + " child output", output, identity.secrets());
            }
        }
    }

    private static void awaitLanded(Store store, String prefix, ChildJvm child) {
        await().atMost(Duration.ofSeconds(30)).until(() -> LineCheck.of(store.bytes(prefix), child.expected()).missing == 0);
    }

    @Test
    void toStringsAndExceptionMessagesHideTheSecretAndTheToken() throws Exception {
        AppendlogConfig config = AppendlogConfig.builder().name("OSS").endpoint("http://127.0.0.1:9")
                .region(Store.REGION).bucket(Store.BUCKET).objectKey("k-%i.log").accessKeyId(Store.ACCESS_KEY_ID)
                .accessKeySecret(Store.ACCESS_KEY_SECRET).securityToken(Store.SECURITY_TOKEN).build();
        Secrets.assertAbsent("config toString", config.toString());
        Secrets.assertAbsent("credentials toString", config.credentials().toString());
        try (OssHttpClient client = OssHttpClient.create(config)) {
            Secrets.assertAbsent("client toString", client.toString());
            assertTrue(client.toString().contains(Store.ACCESS_KEY_ID), client.toString());
        }
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> AppendlogConfig.builder()
                .endpoint("http://127.0.0.1:9").accessKeyId(Store.ACCESS_KEY_ID).accessKeySecret(Store.ACCESS_KEY_SECRET)
                .securityToken(Store.SECURITY_TOKEN).build());
        Secrets.assertAbsent("config exception", e.getMessage());
        Path file = dir.resolve("credentials");
        Store.writeCredentials(file, Store.ACCESS_KEY_ID, Store.ACCESS_KEY_SECRET, Store.SECURITY_TOKEN);
        AppendlogConfig fromFile = AppendlogConfig.builder().name("OSS").endpoint("http://127.0.0.1:9")
                .region(Store.REGION).bucket(Store.BUCKET).objectKey("k-%i.log").credentialsFile(file.toString()).build();
        Secrets.assertAbsent("config from a file", fromFile.toString());
        assertFalse(fromFile.credentialsProvider().toString().contains(Store.ACCESS_KEY_SECRET));
    }
}
