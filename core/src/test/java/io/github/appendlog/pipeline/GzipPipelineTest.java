package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** compression=gzip in the pipeline: batches become members; the drop marker line is inside one. */
class GzipPipelineTest {
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private AppendPipeline pipeline;

    @AfterEach
    void stop() {
        store.down(false);
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    private static byte[] line(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private String object() throws IOException {
        List<String> keys = store.keys();
        assertEquals(1, keys.size(), keys.toString());
        byte[] raw = store.bytes(keys.get(0));
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("event"), "stored compressed");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void batchesAreMembersAndTheDropMarkerIsTextInsideOne() throws IOException {
        store.down(true);
        pipeline = AppendPipeline.start(AppendPipelineTest.config().compression("gzip").maxBufferBytes("4 KB")
                .maxBatchBytes("1 KB").maxEventBytes("100").build(), status, store);
        assertTrue(pipeline.offer(line("event first"), true));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.requests.get() > 0);
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            refused += pipeline.offer(line("event " + i), true) ? 0 : 1;
        }
        assertTrue(refused > 0);
        store.down(false);
        long kept = 501 - refused;
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.stats().appendedEvents() == kept);
        assertTrue(pipeline.stop());
        String text = object();
        String[] lines = text.split("\n");
        assertEquals(kept + 1, lines.length, text);
        assertEquals("event first", lines[0]);
        assertTrue(text.contains("[appendlog] dropped " + refused + " events (" + refused + " buffer full"), text);
    }
}
