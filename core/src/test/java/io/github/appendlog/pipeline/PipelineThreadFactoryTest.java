package io.github.appendlog.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineThreadFactoryTest {

    @Test
    void makesNamedDaemonThreadsThatKnowTheyBelongToAPipeline() throws Exception {
        RecordingStatus status = new RecordingStatus();
        PipelineThreadFactory factory = new PipelineThreadFactory("sender", "app", status);
        CompletableFuture<Boolean> inside = new CompletableFuture<>();
        Thread first = factory.newThread(() -> inside.complete(PipelineThreadFactory.isPipelineThread()));
        Thread second = factory.newThread(() -> { });
        assertEquals("appendlog-sender-app", first.getName());
        assertEquals("appendlog-sender-app-2", second.getName());
        assertTrue(first.isDaemon());
        first.start();
        assertTrue(inside.get(5, TimeUnit.SECONDS));
        assertFalse(PipelineThreadFactory.isPipelineThread());
    }

    @Test
    void reportsAnUncaughtException() throws Exception {
        RecordingStatus status = new RecordingStatus();
        Thread t = new PipelineThreadFactory("sender", "app", status).newThread(() -> {
            throw new IllegalStateException("boom");
        });
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(5));
        assertEquals(1, status.matching("ERROR", "appendlog thread appendlog-sender-app stopped unexpectedly: "
                + "java.lang.IllegalStateException: boom").size());
    }
}
