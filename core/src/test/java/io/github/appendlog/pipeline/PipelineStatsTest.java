package io.github.appendlog.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.status.PipelineStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The snapshot's sender state: object and position, last success and error, retries, what waits and how long. */
class PipelineStatsTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private final InMemoryAppendStore store = new InMemoryAppendStore();
    private final RecordingStatus status = new RecordingStatus();
    private final MutableClock clock = new MutableClock(START);
    private AppendPipeline pipeline;

    @AfterEach
    void stop() {
        store.down(false);
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPipelineThatNeverStartedKnowsNothing() {
        PipelineStats none = PipelineStats.none();
        assertEquals(0, none.offered() + none.appendedEvents() + none.bufferedBytes() + none.retries());
        assertNull(none.objectKey());
        assertEquals(-1, none.objectPosition());
        assertNull(none.lastError());
        assertNull(none.lastSuccessTime());
    }

    @Test
    void landedAppendsShowTheObjectThePositionAndTheTime() {
        pipeline = AppendPipeline.start(AppendPipelineTest.config().build(), status, store, clock);
        for (int i = 0; i < 10; i++) {
            assertTrue(pipeline.offer(line("event " + i), false));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.stats().appendedEvents() == 10);

        PipelineStats stats = pipeline.stats();
        assertEquals("app/2026-03-01/app-0.log", stats.objectKey());
        assertEquals(store.text("app/2026-03-01/app-0.log").length(), stats.objectPosition());
        assertEquals(stats.bytesSent(), stats.objectPosition());
        assertEquals(START, stats.lastSuccessTime());
        assertNull(stats.lastError());
        assertNull(stats.lastErrorTime());
        assertEquals(0, stats.retries());
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.stats().bufferedBytes() == 0);
        assertEquals(0, pipeline.stats().oldestUnsentAgeMillis());
    }

    @Test
    void anOutageShowsTheErrorTheRetriesAndAnUnsentAgeThatGrows() {
        store.down(true);
        pipeline = AppendPipeline.start(AppendPipelineTest.config().maxRetries("1").build(), status, store, clock);
        assertTrue(pipeline.offer(line("waits for the store"), true));
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.stats().failedAppends() >= 3);

        clock.advance(Duration.ofMinutes(5));
        PipelineStats down = pipeline.stats();
        assertTrue(down.retries() >= 2, down::toString); // the batch sent again after each failed call
        assertNotNull(down.lastError(), down::toString);
        assertEquals(START, down.lastErrorTime());
        assertNull(down.lastSuccessTime());
        assertTrue(down.bufferedBytes() >= "waits for the store\n".length(), down::toString);
        assertTrue(down.oldestUnsentAgeMillis() >= Duration.ofMinutes(5).toMillis(), down::toString);
        assertEquals(0, down.appendedEvents());

        store.down(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.stats().appendedEvents() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.stats().oldestUnsentAgeMillis() == 0);
        PipelineStats up = pipeline.stats();
        assertEquals(0, up.bufferedBytes());
        assertEquals(START.plus(Duration.ofMinutes(5)), up.lastSuccessTime());
        assertEquals(down.lastError(), up.lastError(), "the last error stays until another one happens");
        assertTrue(up.toString().contains("objectKey=app/2026-03-01/app-0.log"), up::toString);
    }
}
