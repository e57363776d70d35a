package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import java.time.Duration;
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
    void otherLoggingThreadsDropAndStopReturnsAndReportsTheAbandoned() throws Exception {
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
        assertTrue(dropped > 0, "nothing dropped");

        long begin = System.nanoTime();
        assertTimeoutPreemptively(BOUND, context::stop);
        long tookMillis = (System.nanoTime() - begin) / 1_000_000;
        assertTrue(tookMillis < 2000, "stop took " + tookMillis + " ms with shutdownTimeout 1 s");
        long abandoned = threads * perThread - dropped + 1L;
        assertTrue(XmlContext.statusMessages(context, Status.WARN).stream()
                        .anyMatch(m -> m.contains(abandoned + " events handed over were abandoned")),
                () -> "reported: " + XmlContext.statusMessages(context, Status.WARN));
    }
}
