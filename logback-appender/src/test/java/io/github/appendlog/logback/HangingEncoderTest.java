package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import io.github.appendlog.intake.Intake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An encoder that hangs on the encoder thread (ignoring interrupts) holds up no logging thread: they
 * drop (to the fallback, counted), and stopping the context returns within shutdownTimeout + 1 s and
 * reports how many events it abandoned.
 */
class HangingEncoderTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void release() {
        HangingEncoder.reset();
        store.close();
    }

    @Test
    void otherLoggingThreadsEncodeTheirOwnEventsBeyondTheFullHandOffAndStopReturnsAndReportsTheAbandoned() throws Exception {
        LoggerContext context = XmlContext.load("logback-hanging.xml", store.properties("hanging/app.log"));
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        Logger log = context.getLogger("app");
        log.info("please hang");
        assertTrue(HangingEncoder.entered.await(10, TimeUnit.SECONDS));

        int threads = 3;
        int perThread = 3000; // 9,000 events: more than twice the hand-off ring
        assertTimeoutPreemptively(BOUND, () -> {
            Thread[] running = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                running[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.info("p{} {}", id, i);
                    }
                }, "producer-" + t);
                running[t].start();
            }
            for (Thread thread : running) {
                thread.join();
            }
        }, "logging threads waited for an encoder that hangs");
        AppendObjectAppender oss = (AppendObjectAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OSS");
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> fallback = (ListAppender<ILoggingEvent>) oss.getAppender("FALLBACK");
        int dropped = fallback.list.size();
        assertEquals(0, dropped, "the buffer had room: the logging threads encoded their events themselves");

        long begin = System.nanoTime();
        assertTimeoutPreemptively(BOUND, context::stop);
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;
        assertTrue(tookMillis < 2000, "stop took " + tookMillis + " ms with shutdownTimeout 1 s");
        long abandoned = threads * perThread - dropped + 1L;
        assertTrue(XmlContext.statusMessages(context, Status.WARN).stream()
                        .anyMatch(m -> m.contains(abandoned + " events handed over were abandoned")),
                () -> "reported: " + XmlContext.statusMessages(context, Status.WARN));
    }

    @Test
    void eventsEncodedOnTheLoggingThreadWhileTheHandOffIsFullLandInOrderAsTheyWereWhenLogged() throws Exception {
        LoggerContext context = XmlContext.load("logback-hanging.xml", store.properties("full/app.log"));
        Logger log = context.getLogger("app");
        log.info("please hang");
        assertTrue(HangingEncoder.entered.await(10, TimeUnit.SECONDS));

        int events = 3 * Intake.HANDOFF_CAPACITY; // the first fill the hand-off, the rest are encoded here
        StringBuilder argument = new StringBuilder();
        assertTimeoutPreemptively(BOUND, () -> {
            for (int i = 0; i < events; i++) {
                argument.setLength(0);
                argument.append(i);
                log.info("line {}", argument); // a mutable argument, changed after each call
            }
        }, "the logging thread waited for an encoder that hangs");
        argument.setLength(0);
        argument.append("changed");
        HangingEncoder.release.countDown();
        context.stop();

        List<String> expected = new ArrayList<>();
        expected.add("please hang");
        for (int i = 0; i < events; i++) {
            expected.add("line " + i);
        }
        assertEquals(expected, store.lines("full/"));
    }
}
