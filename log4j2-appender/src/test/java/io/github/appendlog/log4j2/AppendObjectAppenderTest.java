package io.github.appendlog.log4j2;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AppenderLoggingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real {@code log4j2.xml} files, the real Log4j2, the emulator: what lands in the object. */
class AppendObjectAppenderTest {
    @RegisterExtension
    final TestStore store = new TestStore();

    @Test
    void everyLineFromEveryThreadLandsOnceWholeAndInOrder() throws Exception {
        TestStore.objectKey("many/app.log");
        LoggerContext context = TestContexts.context("many-threads.xml");
        int threads = 4;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r));
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String threadName = "worker-" + t;
            done.add(pool.submit(() -> logNumbered(context.getLogger("it.many"), threadName, perThread)));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(context.stop(30, TimeUnit.SECONDS), "the context stopped with everything flushed");

        List<LoggedEvents.Event> events = LoggedEvents.parse(store.text("many/"));
        assertEquals(threads * perThread, events.size(), "events in the object");
        Map<String, List<String>> byThread = LoggedEvents.messagesByThread(events);
        assertEquals(threads, byThread.size());
        for (int t = 0; t < threads; t++) {
            List<String> messages = byThread.get("worker-" + t);
            assertNotNull(messages, "lines of worker-" + t);
            for (int i = 0; i < perThread; i++) {
                assertEquals("line " + i, messages.get(i), "worker-" + t + "'s line " + i);
            }
        }
        for (LoggedEvents.Event e : events) {
            int n = Integer.parseInt(e.message.substring("line ".length()));
            assertEquals("req-" + e.thread + "-" + n, e.context, "the ThreadContext of the logging thread");
            if (n % 100 == 0) {
                assertTrue(e.extraLines.get(0).startsWith("java.lang.IllegalStateException: failure " + n),
                        "stack trace follows its event: " + e.extraLines);
                assertTrue(e.extraLines.stream().anyMatch(l -> l.startsWith("\tat ")), "frames of the trace");
            } else {
                assertTrue(e.extraLines.isEmpty(), "no stray line after line " + n + ": " + e.extraLines);
            }
        }
    }

    private static void logNumbered(Logger logger, String threadName, int count) {
        Thread.currentThread().setName(threadName);
        for (int i = 0; i < count; i++) {
            ThreadContext.put("request", "req-" + threadName + "-" + i);
            if (i % 100 == 0) {
                logger.warn("line {}", i, new IllegalStateException("failure " + i));
            } else {
                logger.info("line {}", i);
            }
        }
        ThreadContext.clearMap();
    }

    @Test
    void stopFlushesWhatIsStillBuffered() throws Exception {
        TestStore.objectKey("stop/app.log");
        LoggerContext context = TestContexts.context("flush-on-stop.xml");
        Logger logger = context.getLogger("it.stop");
        for (int i = 0; i < 500; i++) {
            logger.info("line {}", i);
        }
        assertTrue(store.text("stop/").length() < 500 * 10, "with an hour's flush interval nothing is sent yet");

        context.stop(); // as LogManager.shutdown() does: no timeout from Log4j2, the appender's shutdownTimeout bounds it

        List<String> messages = LoggedEvents.parse(store.text("stop/")).stream().map(e -> e.message)
                .collect(Collectors.toList());
        assertEquals(500, messages.size());
        for (int i = 0; i < 500; i++) {
            assertEquals("line " + i, messages.get(i));
        }
    }

    @Test
    void droppedEventsGoToTheFallbackAppender() throws Exception {
        TestStore.objectKey("overflow/app.log");
        List<CaptureAppender.Captured> fallback = CaptureAppender.events("Fallback");
        store.emu.faults().delay(Operation.APPEND, Duration.ofSeconds(2));
        LoggerContext context = TestContexts.context("fallback.xml");
        Logger logger = context.getLogger("it.overflow");
        int count = 300;
        for (int i = 0; i < count; i++) {
            logger.info("line {} {}", i, "x".repeat(80));
        }
        assertFalse(fallback.isEmpty(), "a 1 KB buffer behind a stalled store overflows");
        store.emu.faults().clear();
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        Set<String> inObject = LoggedEvents.parse(store.text("overflow/")).stream().map(e -> e.message)
                .collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (CaptureAppender.Captured c : fallback) {
            assertTrue(seen.add(c.message), "once in the fallback: " + c.message);
            assertFalse(inObject.contains(c.message), "either in the object or in the fallback: " + c.message);
        }
        seen.addAll(inObject);
        assertEquals(count, seen.size(), "every event is in the object or in the fallback");
    }

    @Test
    void appenderAndManagerNeverShowTheSecret() throws Exception {
        TestStore.objectKey("secret/app.log");
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("many-threads.xml");
            AppendObjectAppender appender = context.getConfiguration().getAppender("OSS");
            assertNotNull(appender, "the plugin was found and built");
            assertTrue(appender.isStarted());
            context.getLogger("it.secret").info("hello");
            String described = appender + " " + appender.getManager() + " " + appender.getManager().config();
            assertTrue(described.contains(TestStore.ACCESS_KEY_ID), described);
            assertFalse(described.contains(TestStore.ACCESS_KEY_SECRET), described);
            assertTrue(context.stop(30, TimeUnit.SECONDS));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.text("secret/").contains("|hello|"));
            for (String message : status.messages(org.apache.logging.log4j.Level.TRACE)) {
                assertFalse(message.contains(TestStore.ACCESS_KEY_SECRET), message);
            }
        }
    }

    @Test
    void encodingErrorsReachTheCallerOnlyWithoutIgnoreExceptions() throws Exception {
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("failing-layout.xml");
            Logger strict = context.getLogger("it.strict");
            Logger lenient = context.getLogger("it.lenient");

            assertThrows(AppenderLoggingException.class, () -> strict.info("please fail"));
            lenient.info("please fail");
            assertTrue(status.messages(org.apache.logging.log4j.Level.ERROR).stream()
                    .anyMatch(m -> m.contains("'Lenient'") && m.contains("cannot encode 'please fail'")),
                    "reported: " + status.messages(org.apache.logging.log4j.Level.ERROR));
            strict.info("strict ok");
            lenient.info("lenient ok");
            assertTrue(context.stop(30, TimeUnit.SECONDS));

            String thread = Thread.currentThread().getName();
            assertEquals("EV|" + thread + "|strict ok|it.strict\n", store.text("errors/strict"));
            assertEquals("EV|" + thread + "|lenient ok|it.lenient\n", store.text("errors/lenient"));
        }
    }

    @Test
    void aFallbackNamingNoAppenderIsReportedAndTheAppenderStillRuns() throws Exception {
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("missing-fallback.xml");
            AppendObjectAppender appender = context.getConfiguration().getAppender("OSS");
            assertTrue(appender.isStarted());
            assertTrue(status.messages(org.apache.logging.log4j.Level.ERROR).stream()
                    .anyMatch(m -> m.contains("'OSS'") && m.contains("AppenderRef") && m.contains("'Nowhere'")),
                    status.messages(org.apache.logging.log4j.Level.ERROR).toString());
            context.getLogger("it.missing").info("still delivered");
            context.stop();
            assertTrue(store.text("missing-ref/").contains("|still delivered|"));
        }
    }
}
