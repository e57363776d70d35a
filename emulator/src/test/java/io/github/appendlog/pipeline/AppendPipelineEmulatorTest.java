package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.emulator.Operation;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.status.StatusReporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole path, through the real HTTP client, against the emulator. */
class AppendPipelineEmulatorTest {
    private final OssEmulator emu = OssEmulator.builder().port(0).bucket("logs").credentials("test-id", "test-secret")
            .region("cn-hangzhou").start();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final StatusReporter status = new StatusReporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
            warnings.add(message);
        }

        @Override
        public void error(String message, Throwable cause) {
            errors.add(message);
        }
    };

    @AfterEach
    void close() {
        emu.close();
    }

    private AppendlogConfig.Builder config() {
        return AppendlogConfig.builder().name("e2e").endpoint(emu.endpoint()).region(emu.region()).bucket("logs")
                .objectKey("app/%d{yyyy-MM-dd}/host-%i.log").accessKeyId("test-id").accessKeySecret("test-secret")
                .flushInterval(Duration.ofMillis(20)).maxBatchBytes("16 KB").maxEventBytes("1 KB")
                .retryBaseDelay(Duration.ofMillis(5)).retryMaxDelay(Duration.ofMillis(50))
                .requestTimeout(Duration.ofSeconds(2)).shutdownTimeout(Duration.ofSeconds(10));
    }

    private String allText() {
        StringBuilder sb = new StringBuilder();
        for (String key : emu.objectKeys("logs", "app/")) {
            sb.append(new String(emu.objectBytes("logs", key), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Test
    void concurrentProducersLandExactlyOnceInOrderThroughFaults() throws Exception {
        AppendPipeline pipeline = AppendPipeline.start(config().build(), status);
        emu.faults().failNext(Operation.APPEND, 2, 503, "ServiceUnavailable").applyThenDrop(Operation.APPEND, 2);
        int producers = 3;
        int perProducer = 2000;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            int id = t;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perProducer; i++) {
                    assertTrue(pipeline.offer(("p" + id + " " + i + "\n").getBytes(StandardCharsets.UTF_8), false));
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
        assertTrue(pipeline.stop(), errors.toString());
        int[] next = new int[producers];
        String[] lines = allText().split("\n");
        assertEquals(producers * perProducer, lines.length);
        for (String l : lines) {
            String[] parts = l.split(" ");
            int id = Integer.parseInt(parts[0].substring(1));
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "producer " + id);
        }
        assertEquals(producers * perProducer, pipeline.stats().appendedEvents());
    }

    @Test
    void aRestartedPipelineContinuesTheSameObject() {
        AppendPipeline first = AppendPipeline.start(config().build(), status);
        first.offer("one\n".getBytes(StandardCharsets.UTF_8), false);
        assertTrue(first.stop());
        AppendPipeline second = AppendPipeline.start(config().build(), status);
        second.offer("two\n".getBytes(StandardCharsets.UTF_8), false);
        assertTrue(second.stop());
        assertEquals(1, emu.objectKeys("logs", "app/").size());
        assertEquals("one\ntwo\n", allText());
    }

    @Test
    void keepsTheBatchWhileTheStoreRefusesAndDeliversItWhenItRecovers() {
        emu.faults().failNext(Operation.ANY, 15, 403, "AccessDenied");
        AppendPipeline pipeline = AppendPipeline.start(config().build(), status);
        pipeline.offer("kept\n".getBytes(StandardCharsets.UTF_8), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> "kept\n".equals(allText()));
        assertTrue(pipeline.stats().failedAppends() > 0);
        assertTrue(warnings.stream().anyMatch(e -> e.contains("HTTP 403")), warnings.toString());
        assertTrue(errors.isEmpty(), "a refusal at run time is a WARN: " + errors);
        assertTrue(pipeline.stop());
    }

    @Test
    void stopGivesUpWithinTheTimeoutWhenTheStoreIsGone() {
        AppendPipeline pipeline = AppendPipeline.start(config().shutdownTimeout(Duration.ofMillis(700)).build(), status);
        emu.close();
        pipeline.offer("lost\n".getBytes(StandardCharsets.UTF_8), false);
        long start = System.nanoTime();
        assertFalse(pipeline.stop());
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(700 + 1500));
        assertEquals(1, pipeline.stats().unflushedAtStop());
        assertTrue(warnings.stream().anyMatch(e -> e.contains("stop: 1 events (5 bytes) could not be delivered")),
                warnings.toString());
    }
}
