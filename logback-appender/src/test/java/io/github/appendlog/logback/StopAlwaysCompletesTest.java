package io.github.appendlog.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Logback reset always completes: the appender's stop closes its pipeline and detaches its
 * fallback appenders even when a status listener throws, and resets leave no thread behind.
 */
@Timeout(120)
class StopAlwaysCompletesTest {
    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    static long appendlogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("appendlog-"))
                .count();
    }

    @Test
    void resetCompletesWhenAStatusListenerThrowsOnTheStopReport() throws Exception {
        long baseline = appendlogThreads();
        LoggerContext context = XmlContext.load("logback-stop-faults.xml", store.properties("faults/app.log"));
        AppendObjectAppender appender = (AppendObjectAppender) context.getLogger("ROOT").getAppender("OSS");
        Appender<ILoggingEvent> fallback = appender.getAppender("FALLBACK");
        assertNotNull(fallback);
        assertTrue(fallback.isStarted());
        context.getLogger("app").info("never lands");
        store.emu.faults().failNext(Operation.APPEND, 1_000_000, 503, "ServiceUnavailable");
        AtomicInteger thrown = new AtomicInteger();
        StatusListener throwing = new StatusListener() {
            @Override
            public void addStatusEvent(Status status) {
                if (status.getLevel() >= Status.WARN && status.getMessage().contains("appendlog")) {
                    thrown.incrementAndGet();
                    throw new IllegalStateException("status listener fails");
                }
            }
        };
        context.getStatusManager().add(throwing);

        assertTimeoutPreemptively(Duration.ofSeconds(30), context::reset);

        assertTrue(thrown.get() > 0, "the stop reported what it could not deliver");
        assertFalse(appender.isStarted());
        assertFalse(fallback.isStarted(), "the fallback appender was stopped");
        assertEquals(null, appender.getAppender("FALLBACK"), "and detached");
        await().atMost(Duration.ofSeconds(10)).until(() -> appendlogThreads() <= baseline);
    }

    @Test
    void twentyResetsAndReconfigurationsLeaveNoThreadBehind() throws Exception {
        long baseline = appendlogThreads();
        LoggerContext context = XmlContext.load("logback-flush-on-stop.xml", store.properties("resets/app.log"));
        context.getLogger("app").info("line 0");
        long afterFirstStart = appendlogThreads();
        assertTrue(afterFirstStart > baseline);
        for (int reset = 1; reset <= 20; reset++) {
            XmlContext.reconfigure(context, "logback-flush-on-stop.xml", store.properties("resets/app.log"));
            context.getLogger("app").info("line {}", reset);
        }
        // No leak: each reset's pipeline threads ended (other tests' threads may end meanwhile, never start).
        await().atMost(Duration.ofSeconds(30)).until(() -> appendlogThreads() <= afterFirstStart);
        context.stop();
        assertEquals(21, store.lines("resets/").size());
        for (int n = 0; n <= 20; n++) {
            assertEquals("INFO line " + n, store.lines("resets/").get(n));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> appendlogThreads() <= baseline);
    }
}
