package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.config.TestConfigs;
import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pipeline starts its credentials' refresh (a thread {@code appendlog-credentials-<name>} for a
 * source fetched over the network, its reports prefixed with the appender) without waiting for
 * the first fetch, and stops it when it stops.
 */
class AppendPipelineCredentialsTest {
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();

    /** A network-like source: fetched in the background, its first fetch held at a gate. */
    static final class GatedSource implements CredentialsSource {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger fetches = new AtomicInteger();

        @Override
        public Credentials fetch() throws IOException {
            fetches.incrementAndGet();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Credentials("STS.role", "role-secret", "role-token", Instant.now().plus(Duration.ofHours(1)));
        }

        @Override
        public String describe() {
            return "test role";
        }
    }

    private static List<Thread> credentialThreads(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("appendlog-credentials-" + name) && t.isAlive())
                .collect(Collectors.toList());
    }

    @Test
    void startDoesNotWaitForTheFirstFetchAndStopEndsTheRefreshThread() {
        GatedSource source = new GatedSource();
        AppendlogConfig config = TestConfigs.withSource(AppendPipelineTest.config().name("creds-a").build(), source);

        AppendPipeline pipeline = AppendPipeline.start(config, status, store); // the fetch waits at the gate

        await().until(() -> source.fetches.get() == 1);
        assertEquals(1, credentialThreads("creds-a").size());
        source.gate.countDown();
        await().until(() -> !status.matching("INFO", "appendlog 'creds-a': credentials: test role, expire ").isEmpty());
        assertTrue(pipeline.offer("line\n".getBytes(), false));
        await().until(() -> store.allText().equals("line\n"));

        assertTrue(pipeline.stop());

        await().until(() -> credentialThreads("creds-a").isEmpty());
        assertTrue(status.messages.stream().noneMatch(m -> m.contains("role-secret") || m.contains("role-token")));
    }

    @Test
    void fixedKeysNeedNoThreadAndAreReportedAtStart() {
        AppendPipeline pipeline = AppendPipeline.start(AppendPipelineTest.config().name("creds-b").build(), status,
                store);

        assertTrue(credentialThreads("creds-b").isEmpty());
        List<String> reported = status.matching("INFO", "credentials:");
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(reported.get(0).startsWith("INFO appendlog 'creds-b': credentials: ") // the source, no expiry
                && !reported.get(0).contains("expire") && !reported.get(0).contains("test-secret"), reported.get(0));
        assertTrue(pipeline.stop());
    }
}
