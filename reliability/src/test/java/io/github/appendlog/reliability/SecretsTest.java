package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.InvalidConfigException;
import io.github.appendlog.oss.OssHttpClient;
import java.nio.file.Path;
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
 * exception messages outside the frameworks.
 */
class SecretsTest {
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
                assertTrue(!app.errors("could not be delivered").isEmpty(), app.statuses().toString());
                Secrets.assertAbsent(app.statuses());
            }
        }
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
