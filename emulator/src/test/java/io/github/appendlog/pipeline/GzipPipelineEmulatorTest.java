package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.emulator.ChaosFaults;
import io.github.appendlog.emulator.Operation;
import io.github.appendlog.emulator.OssEmulator;
import io.github.appendlog.status.StatusReporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** compression=gzip through the whole path: the objects, decompressed, hold every line once, in order. */
class GzipPipelineEmulatorTest {
    private final OssEmulator emu = OssEmulator.builder().port(0).bucket("logs").credentials("test-id", "test-secret")
            .region("cn-hangzhou").publicRead(true).start();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final StatusReporter status = new StatusReporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message, Throwable cause) {
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
        return AppendlogConfig.builder().name("gzip").endpoint(emu.endpoint()).region(emu.region()).bucket("logs")
                .objectKey("app/%d{yyyy-MM-dd}/host-%i.log.gz").accessKeyId("test-id").accessKeySecret("test-secret")
                .compression("gzip").flushInterval(Duration.ofMillis(20)).maxBatchBytes("16 KB")
                .maxEventBytes("1 KB").retryBaseDelay(Duration.ofMillis(5)).retryMaxDelay(Duration.ofMillis(50))
                .requestTimeout(Duration.ofSeconds(2)).shutdownTimeout(Duration.ofSeconds(10));
    }

    /** The period's objects in index order (keys sort as bytes: host-10 before host-2). */
    private List<String> keys() {
        List<String> keys = new ArrayList<>(emu.objectKeys("logs", "app/"));
        keys.sort(Comparator.comparingInt(k -> Integer.parseInt(k.substring(k.lastIndexOf('-') + 1, k.indexOf(".log")))));
        return keys;
    }

    private static String gunzip(byte[] object) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(object))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    private String allText() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String key : keys()) {
            sb.append(gunzip(emu.objectBytes("logs", key)));
        }
        return sb.toString();
    }

    /** Offers {@code perProducer} numbered lines from each of {@code producers} threads, then stops. */
    private void write(AppendPipeline pipeline, int producers, int perProducer) throws Exception {
        offer(pipeline, producers, perProducer);
        assertTrue(pipeline.stop(), errors.toString());
    }

    private void offer(AppendPipeline pipeline, int producers, int perProducer) throws Exception {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            int id = t;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perProducer; i++) {
                    assertTrue(pipeline.offer(("p" + id + " " + i + " order accepted: 3 items, warehouse 7\n")
                            .getBytes(StandardCharsets.UTF_8), false));
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
    }

    /** Every producer's lines appear once each and in order, across all objects. */
    private void assertEveryLineOnceInOrder(int producers, int perProducer) throws IOException {
        int[] next = new int[producers];
        String[] lines = allText().split("\n");
        assertEquals(producers * perProducer, lines.length);
        for (String l : lines) {
            String[] parts = l.split(" ");
            int id = Integer.parseInt(parts[0].substring(1));
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "producer " + id);
        }
    }

    @Test
    void linesLandOnceInOrderThroughLostRepliesThrottlingAndResets() throws Exception {
        AppendPipeline pipeline = AppendPipeline.start(config().build(), status);
        emu.faults().failNext(Operation.APPEND, 2, 503, "ServiceUnavailable").applyThenDrop(Operation.APPEND, 3)
                .resetBeforeApply(Operation.APPEND, 2).slowDown(Operation.APPEND, 2).applyThenDrop(Operation.APPEND, 2);
        write(pipeline, 3, 3000);
        assertEveryLineOnceInOrder(3, 3000);
        assertEquals(9000, pipeline.stats().appendedEvents());
        assertEquals(0, emu.faults().activeRules(), "every fault was met");
        String key = keys().get(0);
        byte[] stored = emu.objectBytes("logs", key);
        assertEquals(0x1f, stored[0] & 0xff);
        assertEquals(0x8b, stored[1] & 0xff);
        assertTrue(stored.length * 5 < allText().length(), stored.length + " bytes stored");
    }

    @Test
    void linesLandOnceInOrderUnderRandomFaults() throws Exception {
        ChaosFaults chaos = new ChaosFaults(13, 0.2, Duration.ofMillis(1500));
        emu.faults().chaos(chaos);
        AppendPipeline pipeline = AppendPipeline.start(config().maxBatchBytes("4 KB")
                .requestTimeout(Duration.ofSeconds(1)).build(), status);
        offer(pipeline, 2, 1500);
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.stats().appendedEvents() == 3000);
        emu.faults().clear();
        assertTrue(pipeline.stop(), errors.toString());
        assertEveryLineOnceInOrder(2, 1500);
        assertTrue(chaos.total() > 5, "faults met: " + chaos.total());
    }

    @Test
    void objectsRollOverOnTheirCompressedSize() throws Exception {
        // A batch's largest member (incompressible text: 4000 bytes and gzip's overhead) must fit 4 KB.
        AppendPipeline pipeline = AppendPipeline.start(config().maxObjectBytes("4 KB").maxBatchBytes("4000").build(),
                status);
        write(pipeline, 1, 4000);
        assertEveryLineOnceInOrder(1, 4000);
        List<String> keys = keys();
        long text = allText().length();
        for (String key : keys) {
            assertTrue(emu.objectBytes("logs", key).length <= 4096, key);
        }
        assertTrue(keys.size() > 1, "rolled over: " + keys);
        assertTrue(keys.size() * 4096L * 2 < text, "each object holds more text than its size: " + keys.size()
                + " objects for " + text + " bytes of text");
    }

    @Test
    void aRestartedPipelineAppendsNewMembersToTheSameObject() throws IOException {
        AppendPipeline first = AppendPipeline.start(config().build(), status);
        first.offer("one\n".getBytes(StandardCharsets.UTF_8), false);
        assertTrue(first.stop());
        byte[] before = emu.objectBytes("logs", keys().get(0));
        AppendPipeline second = AppendPipeline.start(config().build(), status);
        second.offer("two\n".getBytes(StandardCharsets.UTF_8), false);
        assertTrue(second.stop());
        assertEquals(1, keys().size());
        byte[] after = emu.objectBytes("logs", keys().get(0));
        assertEquals(0x1f, after[before.length] & 0xff, "a new member starts where the old object ended");
        assertEquals(0x8b, after[before.length + 1] & 0xff);
        assertEquals("one\ntwo\n", allText());
    }

    @Test
    void theObjectSaysApplicationGzipAndNoContentEncoding() throws IOException {
        AppendPipeline pipeline = AppendPipeline.start(config().build(), status);
        pipeline.offer("typed\n".getBytes(StandardCharsets.UTF_8), false);
        assertTrue(pipeline.stop());
        HttpURLConnection head = (HttpURLConnection) new URL(emu.endpoint() + "/logs/" + keys().get(0))
                .openConnection(java.net.Proxy.NO_PROXY);
        head.setRequestMethod("HEAD");
        assertEquals(200, head.getResponseCode());
        assertEquals("application/gzip", head.getHeaderField("Content-Type"));
        assertNull(head.getHeaderField("Content-Encoding"));
        head.disconnect();
    }
}
