package io.github.appendlog.logback;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The appender on root at TRACE, with the store client's own HttpClient logging flowing through the
 * same Logback (the context SLF4J is bound to): the application must not recurse, deadlock or grow
 * without bound, and the object holds the application's lines only.
 */
@Timeout(60)
class NoRecursionTest {
    private static final int LINES = 2_000;

    private final EmulatedStore store = new EmulatedStore();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void resetLogging() {
        context.reset();
        store.close();
    }

    @Test
    void storeClientLoggingNeverReachesTheObject() throws Exception {
        XmlContext.reconfigure(context, "logback-trace-root.xml", store.properties("trace/app.log"));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertTrue(root.getAppender("OSS").isStarted());
        @SuppressWarnings("unchecked")
        ListAppender<ILoggingEvent> all = (ListAppender<ILoggingEvent>) root.getAppender("ALL");

        org.slf4j.Logger log = LoggerFactory.getLogger("app.traced");
        for (int n = 0; n < LINES; n++) {
            if (n % 3 == 0) {
                log.trace("traced line {}", n);
            } else if (n % 3 == 1) {
                log.debug("traced line {}", n);
            } else {
                log.info("traced line {}", n);
            }
        }
        // While the context runs: the lines land, and the client's logging on the sender thread is seen.
        await().atMost(Duration.ofSeconds(20)).until(() -> store.lines("trace/").size() >= LINES);
        await().atMost(Duration.ofSeconds(20)).until(() -> !clientEvents(all).isEmpty());
        List<ILoggingEvent> clientEvents = clientEvents(all);
        context.reset(); // stops the appenders

        assertFalse(clientEvents.isEmpty(), "HttpClient's own logging should be active through Logback");

        List<String> lines = store.lines("trace/");
        List<String> foreign = lines.stream().filter(l -> !l.contains(" app.traced ")).collect(Collectors.toList());
        assertTrue(foreign.isEmpty(), () -> "not application lines: " + foreign.subList(0, Math.min(5, foreign.size())));
        assertEquals(LINES, lines.size());
        for (int n = 0; n < LINES; n++) {
            assertTrue(lines.get(n).endsWith("traced line " + n), lines.get(n));
        }
    }

    private static List<ILoggingEvent> clientEvents(ListAppender<ILoggingEvent> all) {
        synchronized (all) { // ListAppender appends under its own lock
            return all.list.stream().filter(e -> e.getLoggerName().startsWith("org.apache.hc")).collect(Collectors.toList());
        }
    }
}
