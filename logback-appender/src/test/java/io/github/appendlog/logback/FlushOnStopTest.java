package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With an hour-long flush interval nothing leaves before stop; stopping the context, directly or
 * through Logback's {@code <shutdownHook/>}, flushes it all.
 */
@Timeout(60)
class FlushOnStopTest {
    private static final int LINES = 500;

    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void stoppingTheContextFlushesEverything() throws Exception {
        LoggerContext context = XmlContext.load("logback-flush-on-stop.xml", store.properties("flush/app.log"));
        Logger log = context.getLogger("app");
        for (int n = 0; n < LINES; n++) {
            log.info("kept until stop {}", n);
        }
        assertTrue(store.lines("flush/").isEmpty(), "nothing should be sent before the flush interval");

        context.stop();

        List<String> lines = store.lines("flush/");
        assertEquals(LINES, lines.size());
        for (int n = 0; n < LINES; n++) {
            assertEquals("INFO kept until stop " + n, lines.get(n));
        }
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
    }

    @Test
    void logbackShutdownHookFlushesEverything() throws Exception {
        LoggerContext context = XmlContext.load("logback-shutdown-hook.xml", store.properties("hook/app.log"));
        Thread hook = (Thread) context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD);
        assertNotNull(hook, "<shutdownHook/> registers a JVM shutdown hook");
        Logger log = context.getLogger("app");
        for (int n = 0; n < LINES; n++) {
            log.info("kept until stop {}", n);
        }

        hook.run(); // what the JVM runs at exit: it stops the context (and unregisters the hook)

        List<String> lines = store.lines("hook/");
        assertEquals(LINES, lines.size());
        assertEquals("INFO kept until stop " + (LINES - 1), lines.get(LINES - 1));
    }
}
