package io.github.appendlog.oss;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.credentials.CredentialsChain;
import io.github.appendlog.credentials.CredentialsSource;
import io.github.appendlog.credentials.RefreshingCredentials;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.emulator.identity.FakeInstanceMetadata;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.pipeline.PipelineThreadFactory;
import io.github.appendlog.status.StatusReporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ECS RAM role credentials from the fake instance-metadata service, against the emulator: short-lived
 * ones are refreshed in the background before they expire, so numbered lines logged across several
 * lifetimes all land once, in order; a token the store expires early is replaced at once by a forced
 * refresh and the refused append lands once.
 */
class CredentialsRotationTest {
    @TempDir
    Path home;

    final List<String> status = new CopyOnWriteArrayList<>();
    final StatusReporter recording = new StatusReporter() {
        @Override
        public void info(String message) {
            status.add("INFO " + message);
        }

        @Override
        public void warn(String message, Throwable cause) {
            status.add("WARN " + message);
        }

        @Override
        public void error(String message, Throwable cause) {
            status.add("ERROR " + message);
        }
    };

    long refreshes() {
        return status.stream().filter(m -> m.startsWith("INFO credentials refreshed: ECS RAM role")).count();
    }

    @Test
    void linesLoggedAcrossThreeCredentialLifetimesLandOnceEach() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("unused", "unused-secret").start();
                FakeInstanceMetadata imds = FakeInstanceMetadata.builder().emulator(emu).role("app-role")
                        .lifetime(Duration.ofSeconds(3)).start()) {
            List<String> problems = new ArrayList<>();
            CredentialsSource source = CredentialsChain.builder().environment(Collections.emptyMap()).home(home)
                    .ecsMetadataEndpoint(imds.endpoint()).build().resolve(problems);
            assertNotNull(source, problems.toString());
            RefreshingCredentials credentials = new RefreshingCredentials(source);
            credentials.start(recording, new PipelineThreadFactory("credentials", "rotation", recording),
                    Duration.ofSeconds(30));
            AppendlogConfig config = AppendlogConfig.builder().environment(Collections.emptyMap()).name("rotation")
                    .endpoint(emu.endpoint()).region(emu.region()).bucket("logs").objectKey("rotation.log")
                    .accessKeyId("unused").accessKeySecret("unused-secret").flushInterval(Duration.ofMillis(20))
                    .retryBaseDelay(Duration.ofMillis(10)).retryMaxDelay(Duration.ofMillis(200)).build();
            OssHttpClient client = OssHttpClient.builder().endpoint(emu.endpoint()).bucket("logs")
                    .credentials(credentials).v4(emu.region()).build();
            AppendPipeline pipeline = AppendPipeline.start(config, StatusReporter.NONE, client);
            int lines = 0;
            try {
                while (refreshes() < 3) { // at least three lifetimes
                    String line = "line " + lines + "\n";
                    assertTrue(pipeline.offer(line.getBytes(StandardCharsets.UTF_8), false));
                    lines++;
                    int expected = lines;
                    await().atMost(Duration.ofSeconds(10)).until(() -> landed(emu).size() == expected);
                }
            } finally {
                assertTrue(pipeline.stop());
                credentials.close();
            }

            List<String> landed = landed(emu);
            assertEquals(lines, landed.size(), "lost 0, duplicated 0");
            for (int i = 0; i < lines; i++) {
                assertEquals("line " + i, landed.get(i));
            }
            assertTrue(imds.issued().size() >= 4, "the first key pair and one per refresh");
            assertTrue(status.stream().noneMatch(m -> m.startsWith("WARN") || m.startsWith("ERROR")),
                    status.toString());
            assertTrue(status.get(0).startsWith("INFO credentials: ECS RAM role"), status.toString());
        }
    }

    @Test
    void aTokenTheStoreExpiresEarlyIsReplacedAtOnceAndTheRefusedAppendLandsOnce() throws Exception {
        try (OssEmulator emu = OssEmulator.builder().bucket("logs").credentials("unused", "unused-secret").start();
                FakeInstanceMetadata imds = FakeInstanceMetadata.builder().emulator(emu).role("app-role")
                        .lifetime(Duration.ofHours(1)).start()) {
            List<String> problems = new ArrayList<>();
            CredentialsSource source = CredentialsChain.builder().environment(Collections.emptyMap()).home(home)
                    .ecsMetadataEndpoint(imds.endpoint()).build().resolve(problems);
            assertNotNull(source, problems.toString());
            RefreshingCredentials credentials = new RefreshingCredentials(source);
            credentials.start(recording, new PipelineThreadFactory("credentials", "early", recording),
                    Duration.ofSeconds(30));
            OssHttpClient client = OssHttpClient.builder().endpoint(emu.endpoint()).bucket("logs")
                    .credentials(credentials).v4(emu.region()).build();
            try {
                byte[] first = "line 0\n".getBytes(StandardCharsets.UTF_8);
                byte[] second = "line 1\n".getBytes(StandardCharsets.UTF_8);
                client.append("rotation.log", 0, first, 0, first.length, true);
                String refused = imds.lastIssued().accessKeyId();
                int issued = imds.issued().size();

                emu.expireCredentials(refused); // revoked on the server's side, long before its expiry

                client.append("rotation.log", first.length, second, 0, second.length, false);
                assertEquals(issued + 1, imds.issued().size(), "one forced fetch");
                assertTrue(!imds.lastIssued().accessKeyId().equals(refused));
                assertEquals(List.of("line 0", "line 1"), landed(emu), "lost 0, duplicated 0");
                assertTrue(status.stream().anyMatch(m -> m.startsWith("INFO credentials refreshed: ECS RAM role")),
                        status.toString());
            } finally {
                client.close();
                credentials.close();
            }
        }
    }

    private static List<String> landed(OssEmulator emu) {
        byte[] bytes = emu.objectBytes("logs", "rotation.log");
        if (bytes == null || bytes.length == 0) {
            return Collections.emptyList();
        }
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    }
}
