package io.github.appendlog.oss;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.pipeline.AppendPipeline;
import io.github.appendlog.status.RecordingStatus;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A pipeline whose store accepts connections and never reads: stop still ends by its deadline. */
class BlackHoledStoreTest {

    @Test
    void stopReturnsWithinTheShutdownTimeoutAndReportsTheUnsentEvents() throws Exception {
        Duration shutdownTimeout = Duration.ofSeconds(2);
        try (BlackHoleServer hole = new BlackHoleServer()) {
            AppendlogConfig config = AppendlogConfig.builder().name("blackhole").endpoint(hole.endpoint())
                    .region("cn-hangzhou").bucket("logs").objectKey("app-%i.log")
                    .accessKeyId("test-id").accessKeySecret("test-secret")
                    .requestTimeout(Duration.ofMinutes(5)).shutdownTimeout(shutdownTimeout)
                    .maxBatchBytes("8 MB").maxBufferBytes("32 MB").maxEventBytes("64 KB")
                    .flushInterval(Duration.ofMillis(20)).build();
            RecordingStatus status = new RecordingStatus();
            AppendPipeline pipeline = AppendPipeline.start(config, status);
            byte[] event = new byte[60 * 1024];
            Arrays.fill(event, (byte) 'x');
            event[event.length - 1] = '\n';
            int events = 200; // 12 MB: more than the socket buffers hold
            for (int i = 0; i < events; i++) {
                assertTrue(pipeline.offer(event, true));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hole.connections() > 0);
            long start = System.nanoTime();
            boolean delivered = assertTimeoutPreemptively(Duration.ofSeconds(30), pipeline::stop);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertFalse(delivered);
            assertTrue(tookMillis < shutdownTimeout.toMillis() + 1_000, "stop took " + tookMillis + " ms");
            assertEquals(events, pipeline.stats().unflushedAtStop(), status.all());
            assertTrue(status.warnings().stream().anyMatch(m -> m.contains(events + " events")), status.all());
            assertTrue(status.errors().isEmpty(), "what stop could not flush is a WARN: " + status.all());
        }
    }
}
