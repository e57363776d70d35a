package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events are encoded on the pipeline's encoder thread by default, from a copy taken when they were
 * logged (message, context data, thread, and the location when the layout prints it); with
 * {@code encodeOnCallerThread} the logging thread encodes. An encoder-thread layout failure is
 * reported and drops only that event.
 */
class DeferredEncodingTest {
    @RegisterExtension
    final TestStore store = new TestStore();

    @BeforeEach
    void forgetThreads() {
        ThreadRecordingLayout.THREADS.clear();
    }

    /** Logs on a thread of its own, named {@code name}, and renames it right after the call. */
    private static void logOnThread(String name, Runnable log) throws InterruptedException {
        Thread thread = new Thread(() -> {
            log.run();
            Thread.currentThread().setName(name + "-renamed");
        }, name);
        thread.start();
        thread.join();
    }

    @Test
    void printsTheMessageContextAndThreadAsTheyWereWhenLogged() throws Exception {
        LoggerContext context = TestContexts.context("deferred.xml");
        Logger log = context.getLogger("it.deferred");
        StringBuilder mutable = new StringBuilder("before");
        logOnThread("caller-1", () -> {
            ThreadContext.put("request", "r-1");
            log.info("order {} placed", mutable);
            ThreadContext.put("request", "r-2");
            mutable.setLength(0);
            mutable.append("after");
            ThreadContext.clearMap();
        });
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        assertEquals("caller-1|order before placed|r-1\n", store.text("deferred/"));
        assertEquals(Set.of("appendlog-encoder-Deferred"), ThreadRecordingLayout.THREADS);
    }

    @Test
    void reusedHoldersCarryNothingFromOneEventToTheNext() throws Exception {
        LoggerContext context = TestContexts.context("deferred.xml");
        Logger log = context.getLogger("it.deferred");
        int perThread = 6000; // two threads, three laps of the hand-off ring
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            String name = "laps-" + t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (i % 3 == 0) {
                        ThreadContext.put("request", name + "-" + i);
                    }
                    log.info("{} {}", name, i);
                    ThreadContext.clearMap();
                }
            }, name);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        int[] next = new int[threads.length];
        String[] lines = store.text("deferred/").split("\n");
        assertEquals(threads.length * perThread, lines.length);
        for (String line : lines) {
            String[] fields = line.split("\\|", -1);
            int t = fields[0].charAt("laps-".length()) - '0';
            int i = next[t]++;
            String expectedRequest = i % 3 == 0 ? "laps-" + t + "-" + i : "null";
            assertEquals("laps-" + t + "|laps-" + t + " " + i + "|" + expectedRequest, line);
        }
    }

    @Test
    void withEncodeOnCallerThreadTheLoggingThreadEncodes() throws Exception {
        LoggerContext context = TestContexts.context("deferred.xml");
        Logger log = context.getLogger("it.oncaller");
        logOnThread("caller-2", () -> log.info("encoded here"));
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        assertEquals("caller-2|encoded here|null\n", store.text("oncaller/"));
        assertEquals(Set.of("caller-2"), ThreadRecordingLayout.THREADS);
    }

    @Test
    void takesTheLocationOnTheLoggingThreadWhenTheLayoutPrintsIt() throws Exception {
        LoggerContext context = TestContexts.context("deferred.xml");
        Logger log = context.getLogger("it.located");
        AtomicInteger line = new AtomicInteger();
        logOnThread("caller-3", () -> logFromHere(log, line));
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        assertEquals("logFromHere:" + line.get() + " with location\n", store.text("located/"));
    }

    private static void logFromHere(Logger log, AtomicInteger line) {
        line.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
        log.info("with location");
    }

    @Test
    void aLayoutFailureOnTheEncoderThreadIsReportedAndDropsOnlyThatEvent() throws Exception {
        try (StatusCapture status = StatusCapture.open()) {
            LoggerContext context = TestContexts.context("deferred.xml");
            Logger log = context.getLogger("it.failing");
            log.info("first");
            log.info("please fail");
            log.info("last");
            assertTrue(context.stop(30, TimeUnit.SECONDS));

            String thread = Thread.currentThread().getName();
            assertEquals("EV|" + thread + "|first|it.failing\nEV|" + thread + "|last|it.failing\n",
                    store.text("failing/"));
            assertTrue(status.messages(org.apache.logging.log4j.Level.WARN).stream()
                            .anyMatch(m -> m.contains("1 events could not be encoded")
                                    && m.contains("cannot encode 'please fail'")),
                    "reported: " + status.messages(org.apache.logging.log4j.Level.WARN));
            assertTrue(status.messages(org.apache.logging.log4j.Level.ERROR).stream()
                            .noneMatch(m -> m.contains("could not be encoded")),
                    "one event's encode failure is a WARN: " + status.messages(org.apache.logging.log4j.Level.ERROR));
        }
    }
}
