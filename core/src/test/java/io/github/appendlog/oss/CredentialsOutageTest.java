package io.github.appendlog.oss;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.TestConfigs;
import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsSource;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.status.RecordingStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Credentials that cannot be had for a while (STS or the metadata service down) fail requests as
 * I/O errors: the sender retries, the events wait in the buffer, and once a fetch succeeds they
 * land, each once; the outage is a WARN, nothing kills the sender.
 */
class CredentialsOutageTest {

    /** Fails its first {@code failures} fetches, then hands out hour-long credentials. */
    static final class FlakySource implements CredentialsSource {
        final AtomicInteger fetches = new AtomicInteger();
        final int failures;

        FlakySource(int failures) {
            this.failures = failures;
        }

        @Override
        public Credentials fetch() throws IOException {
            if (fetches.incrementAndGet() <= failures) {
                throw new IOException("STS answered 503");
            }
            return new Credentials("STS.up", "up-secret", "up-token", Instant.now().plus(Duration.ofHours(1)));
        }

        @Override
        public String describe() {
            return "flaky STS";
        }
    }

    @Test
    void eventsWaitThroughACredentialsOutageAndLandOnceItEnds() throws Exception {
        try (StubOssServer server = new StubOssServer()) {
            server.reply(200, "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"); // no object yet
            server.reply(404, null); // HEAD: the object does not exist yet
            server.reply(200, null, "x-oss-next-append-position", "5");
            FlakySource source = new FlakySource(3);
            AppendlogConfig config = TestConfigs.withSource(AppendlogConfig.builder().environment(java.util.Map.of())
                    .name("outage").endpoint(server.endpoint()).region("cn-hangzhou").bucket("logs")
                    .objectKey("app.log").accessKeyId("unused").accessKeySecret("unused")
                    .flushInterval(Duration.ofMillis(20)).retryBaseDelay(Duration.ofMillis(5))
                    .retryMaxDelay(Duration.ofMillis(50)).build(), source);
            RecordingStatus status = new RecordingStatus();
            AppendPipeline pipeline = AppendPipeline.start(config, status);
            try {
                assertTrue(pipeline.offer("line\n".getBytes(StandardCharsets.UTF_8), false));

                await().atMost(Duration.ofSeconds(20)).until(() -> server.seen().size() == 3);
            } finally {
                assertTrue(pipeline.stop(), status.all());
            }

            assertTrue(source.fetches.get() > 3, "fetched until it worked");
            assertEquals(3, server.seen().size(), "list, HEAD, one append: " + status.all());
            assertEquals("HEAD", server.seen().get(1).method);
            assertEquals("line\n", new String(server.seen().get(2).body, StandardCharsets.UTF_8));
            assertEquals("up-token", server.seen().get(2).header("x-oss-security-token"));
            assertTrue(status.warnings().stream().anyMatch(m -> m.startsWith("appendlog 'outage': credentials: "
                    + "fetching from flaky STS failed") && m.contains("STS answered 503")), status.all());
            assertTrue(status.infos().stream().anyMatch(m -> m.startsWith("appendlog 'outage': credentials: flaky STS,"
                    + " expire ")), status.all());
            assertTrue(status.errors().stream().noneMatch(m -> m.contains("stopped unexpectedly")), status.all());
            assertTrue(!status.all().contains("up-secret") && !status.all().contains("up-token"), status.all());
        }
    }
}
