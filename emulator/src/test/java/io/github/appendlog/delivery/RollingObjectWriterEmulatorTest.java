package io.github.appendlog.delivery;

import static io.github.appendlog.delivery.EmulatorFixture.BUCKET;
import static io.github.appendlog.delivery.EmulatorFixture.NO_DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.Operation;
import io.github.appendlog.oss.OssHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resume by listing, and objects deleted under the writer, through the real client and the emulator. */
class RollingObjectWriterEmulatorTest {
    private static final Instant DAY = Instant.parse("2026-11-25T10:00:00Z");
    private static final String PATTERN = "app/%d{yyyy-MM-dd}/x-%i.log";
    final EmulatorFixture fx = new EmulatorFixture();

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private RollingObjectWriter rolling(OssHttpClient client, long maxObjectBytes) {
        return new RollingObjectWriter(client, ObjectKeyPattern.parse(PATTERN),
                EmulatorFixture.options().maxObjectBytes(maxObjectBytes).build(), fx.status());
    }

    private static long append(RollingObjectWriter w, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        w.beginBatch(DAY);
        return w.append(b, 0, b.length, NO_DEADLINE);
    }

    private String text(String key) {
        byte[] b = fx.object(key);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Appendable objects x-0 .. x-149 of the day, appended through the client; the last holds {@code last}. */
    private void earlierObjects(OssHttpClient client, String last) throws Exception {
        for (int i = 0; i < 150; i++) {
            byte[] b = (i == 149 ? last : "full full\n").getBytes(StandardCharsets.UTF_8);
            client.append("app/2026-11-25/x-" + i + ".log", 0, b, 0, b.length, true);
        }
        fx.emu.putObject(BUCKET, "app/2026-11-25/x-1x.log", new byte[1]);
        fx.emu.resetRequestCounts();
    }

    @Test
    void aRestartResumesIndex149WithOneListingPerPageAndNoProbing() throws Exception {
        OssHttpClient client = fx.client(OssHttpClient.builder().v4(fx.emu.region()));
        earlierObjects(client, "abc\n");
        append(rolling(client, 10), "de\n");
        assertEquals("abc\nde\n", text("app/2026-11-25/x-149.log"));
        assertEquals(1, fx.emu.requestCount(Operation.LIST));
        assertEquals(1, fx.emu.requestCount(Operation.HEAD));
    }

    @Test
    void aFullNewestObjectMakesTheWriterStartTheNextIndexAndListingPagesAreFollowedWithV1Too() throws Exception {
        OssHttpClient client = fx.client(OssHttpClient.builder().v1().listPageKeys(40));
        earlierObjects(client, "full full\n");
        append(rolling(client, 10), "new\n");
        assertEquals("new\n", text("app/2026-11-25/x-150.log"));
        assertEquals(4, fx.emu.requestCount(Operation.LIST), "151 keys in pages of 40");
        assertTrue(fx.emu.requestCount(Operation.HEAD) <= 2);
    }

    @Test
    void anObjectDeletedBetweenAppendsMakesTheWriterRollOverInsteadOfResending() throws Exception {
        OssHttpClient client = fx.client();
        RollingObjectWriter w = rolling(client, 1000);
        append(w, "one\n");
        fx.emu.deleteObject(BUCKET, "app/2026-11-25/x-0.log");
        fx.emu.resetRequestCounts();
        append(w, "two\n");
        assertNull(text("app/2026-11-25/x-0.log"));
        assertEquals("two\n", text("app/2026-11-25/x-1.log"));
        assertEquals(2, fx.emu.requestCount(Operation.APPEND), "one refused at the old object, one to the new");
        assertEquals(List.of(), fx.errors.stream().filter(e -> !e.contains("changed behind this writer"))
                .collect(java.util.stream.Collectors.toList()));
    }
}
