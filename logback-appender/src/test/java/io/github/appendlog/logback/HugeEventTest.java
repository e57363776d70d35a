package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A message of 20 MB through a 4 MB buffer with 1 MB events lands truncated with the marker, not dropped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HugeEventTest {
    private final EmulatedStore store = new EmulatedStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aTwentyMegabyteMessageArrivesTruncatedWithTheMarker() throws Exception {
        LoggerContext context = XmlContext.load("logback-huge-event.xml", store.properties("huge/app.log"));
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        Logger log = context.getLogger("app");
        log.info("before"); // the buffer is not empty when the huge event comes
        log.info("x".repeat(20 << 20));
        log.info("after");
        context.stop();

        List<String> lines = store.lines("huge/");
        assertEquals(3, lines.size(), () -> lines.size() + " lines");
        assertEquals("before", lines.get(0));
        assertTrue(lines.get(1).startsWith("xxxxxxxx") && lines.get(1).contains("...[appendlog: truncated "),
                () -> lines.get(1).substring(Math.max(0, lines.get(1).length() - 80)));
        assertTrue(lines.get(1).getBytes(StandardCharsets.UTF_8).length < (1 << 20));
        assertEquals("after", lines.get(2));
        assertTrue(XmlContext.statusMessages(context, Status.WARN).stream().noneMatch(m -> m.contains("dropped")),
                () -> XmlContext.statusMessages(context, Status.WARN).toString());
    }
}
