package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tiny buffer in front of a slow store: every event lands either in the object or in the fallback. */
@Timeout(60)
class FallbackAppenderTest {
    private static final int EVENTS = 400;
    private static final String PADDING = "-".repeat(40);

    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void droppedEventsGoToTheFallbackAppender() throws Exception {
        store.emu.faults().delay(Operation.APPEND, Duration.ofMillis(200));
        LoggerContext context = XmlContext.load("logback-fallback.xml", store.properties("fallback/app.log"));
        AppendObjectAppender oss = (AppendObjectAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS");
        assertTrue(oss.isStarted());
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> fallback = (ListAppender<ILoggingEvent>) oss.getAppender("FALLBACK");
        assertTrue(fallback.isStarted());

        Logger log = context.getLogger("app");
        for (int n = 0; n < EVENTS; n++) {
            log.info("event {} {}", n, PADDING);
        }
        List<String> fellBack = new ArrayList<>();
        for (ILoggingEvent event : fallback.list) {
            fellBack.add(event.getFormattedMessage());
        }
        context.stop();

        List<String> stored = new ArrayList<>();
        int markers = 0;
        for (String line : store.lines("fallback/")) {
            if (line.startsWith("[appendlog] dropped ")) {
                markers++; // the pipeline marks the gap in the object
            } else {
                stored.add(line);
            }
        }
        assertTrue(markers > 0, "the object should say that events were dropped");
        assertFalse(fellBack.isEmpty(), "a 1 KB buffer cannot hold " + EVENTS + " events");
        assertFalse(stored.isEmpty(), "what the buffer held must reach the store");
        Set<String> seen = new HashSet<>();
        for (String line : stored) {
            assertTrue(seen.add(line), () -> "stored twice: " + line);
        }
        for (String line : fellBack) {
            assertTrue(seen.add(line), () -> "both stored and fell back, or fell back twice: " + line);
        }
        assertEquals(EVENTS, seen.size(), "every event is either stored or in the fallback");
    }
}
