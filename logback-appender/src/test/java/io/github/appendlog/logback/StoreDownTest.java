package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A store that refuses every append: logging never blocks, and stop ends in time and says what was lost. */
@Timeout(30)
class StoreDownTest {
    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void stopReportsWhatCouldNotBeFlushed() throws Exception {
        store.emu.faults().failNext(Operation.APPEND, 1_000_000, 503, "ServiceUnavailable");
        LoggerContext context = XmlContext.load("logback-store-down.xml", store.properties("down/app.log"));
        Logger log = context.getLogger("app");
        for (int n = 0; n < 200; n++) {
            log.info("cannot land {}", n);
        }
        long started = System.nanoTime();
        context.stop();
        Duration stopping = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(stopping.compareTo(Duration.ofSeconds(10)) < 0, "stop took " + stopping);
        List<String> warnings = XmlContext.statusMessages(context, Status.WARN);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("[OSS]") && w.contains("stopped before every event")),
                warnings::toString);
        assertTrue(store.lines("down/").isEmpty());
    }
}
